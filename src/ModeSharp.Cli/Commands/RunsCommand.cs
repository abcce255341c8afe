using System.CommandLine;
using ModeSharp.Cli.Output;
using Spectre.Console;

namespace ModeSharp.Cli.Commands;

/// <summary><c>modesharp runs REPORT [--limit N]</c>: a report's runs, newest first, across every page.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var report = new Argument<string>("report") { Description = "The report token (the part after /reports/ in its URL)." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many runs to show, newest first.", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--limit must be at least 1.");
        });
        var command = new Command("runs", "List a report's runs, newest first: token, state, created, completed, parameters.") { report, limit };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var client = CommonOptions.CreateClient(parseResult);
            var table = Tables.Create("run", "state", "created", "completed", "parameters");
            var shown = 0;
            var max = parseResult.GetValue(limit);
            var more = false;
            await foreach (var run in client.Runs.ListAsync(parseResult.GetValue(report)!, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (shown == max)
                {
                    more = true;
                    break;
                }
                var parameters = string.Join(", ", run.Parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}"));
                table.AddCells(run.Token, run.State.Value, Tables.Time(run.CreatedAt), Tables.Time(run.CompletedAt), parameters);
                shown++;
            }
            if (more) table.Caption(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[grey]the newest {shown} runs; there are more (--limit N shows more)[/]"));
            Tables.StdOut.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
