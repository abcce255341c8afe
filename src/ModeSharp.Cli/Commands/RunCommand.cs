using System.CommandLine;
using ModeSharp.Cli.Output;

namespace ModeSharp.Cli.Commands;

/// <summary><c>modesharp run REPORT [--param NAME=VALUE]…</c>: starts a run and waits for it to finish.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var report = new Argument<string>("report") { Description = "The report token." };
        var parameters = RunParametersOption.Create();
        var timeout = CommonOptions.Timeout();
        var command = new Command("run", "Start a new run of a report and wait for it; prints the run token and its final state.") { report, parameters, timeout };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var client = CommonOptions.CreateClient(parseResult);
            var reportToken = parseResult.GetValue(report)!;
            var values = RunParametersOption.Parse(parseResult.GetValue(parameters));
            var run = await TerminalProgress.RunAsync($"starting a run of {reportToken}", async progress =>
            {
                var created = await client.Runs.CreateAsync(reportToken, values, cancellationToken).ConfigureAwait(false);
                if (created.Token is { } startedToken) progress.RunStarted(reportToken, startedToken);
                return await client.Runs.WaitForCompletionAsync(created, CommonOptions.WaitOptions(parseResult, timeout), progress.Runs, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{run.Token}\t{run.State.Value}\t{Tables.Time(run.CompletedAt)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
