using System.CommandLine;
using ModeSharp.Cli.Commands;

namespace ModeSharp.Cli;

/// <summary>The <c>modesharp</c> command tree and its entry point.</summary>
internal static class ModeSharpCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "modesharp: read Mode report results as typed data, with nothing written to disk.\n" +
            "Credentials come from MODE_TOKEN and MODE_SECRET; the workspace from --workspace or MODE_WORKSPACE.\n" +
            ExitCodes.HelpText)
        {
            ReportsCommand.Create(),
            RunsCommand.Create(),
            RunCommand.Create(),
            ExportCommand.Create(),
            SchemaCommand.Create(),
            EmulatorCommand.Create(),
            DemoCommand.Create(),
        };
        root.Options.Add(CommonOptions.Workspace);
        root.Options.Add(CommonOptions.BaseUrl);
        root.Options.Add(CommonOptions.Retries);
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync("modesharp: " + error.Message).ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync("Run 'modesharp --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parseResult.InvokeAsync().ConfigureAwait(false);
    }
}
