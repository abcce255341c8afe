using System.CommandLine;
using ModeSharp.Api;
using ModeSharp.Cli.Output;

namespace ModeSharp.Cli.Commands;

/// <summary><c>modesharp reports [--space S]</c>: the reports of one space, or of every space.</summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var space = new Option<string?>("--space") { Description = "A space (collection) token. Default: every space you can see." };
        var command = new Command("reports", "List reports: token, name, space, last run, last successful run.") { space };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var client = CommonOptions.CreateClient(parseResult);
            var table = Tables.Create("report", "name", "space", "last run", "last successful run");
            var spaceToken = parseResult.GetValue(space);
            IEnumerable<string> spaces = spaceToken is not null
                ? [spaceToken]
                : (await client.Spaces.ListAsync(SpaceFilter.All, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false))
                    .Select(s => s.Token).OfType<string>();
            foreach (var token in spaces)
            {
                await foreach (var report in client.Reports.ListForSpaceAsync(token, cancellationToken).ConfigureAwait(false))
                {
                    table.AddCells(report.Token, report.Name, token, Tables.Time(report.LastRunAt), report.LastSuccessfulRunToken);
                }
            }
            Tables.StdOut.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
