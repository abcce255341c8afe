using System.CommandLine;
using ModeSharp.Cli.Output;
using ModeSharp.Frames;
using ModeSharp.Runs;

namespace ModeSharp.Cli.Commands;

/// <summary>The arguments that say which results to read, shared by <c>export</c> and <c>schema</c>.</summary>
internal sealed class ReportReadArguments
{
    public Argument<string> Report { get; } = new("report") { Description = "The report token (the part after /reports/ in its URL)." };

    public Option<string> Run { get; } = new("--run", "-r")
    {
        Description = "Which run: latest-successful (default), latest (the newest, which must have succeeded), new (start one and wait), or a run token.",
        DefaultValueFactory = _ => "latest-successful",
    };

    public Option<string?> Query { get; } = new("--query", "-q") { Description = "The query to read, by name or token (needed when the report has several)." };

    public Option<string[]> Parameters { get; } = RunParametersOption.Create();

    public Option<bool> Wait { get; } = new("--wait") { Description = "If the chosen run is still in progress, wait for it instead of failing." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Report);
        command.Options.Add(Run);
        command.Options.Add(Query);
        command.Options.Add(Parameters);
        command.Options.Add(Wait);
    }

    /// <summary>Reads the chosen results into a frame, showing progress on a terminal.</summary>
    public async Task<ReportFrame> ReadAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var client = CommonOptions.CreateClient(parseResult);
        var reportToken = parseResult.GetValue(Report)!;
        var run = parseResult.GetValue(Run)!.Trim();
        var parameters = RunParametersOption.Parse(parseResult.GetValue(Parameters));
        var startNew = run.Equals("new", StringComparison.OrdinalIgnoreCase);
        if (parameters is not null && !startNew)
        {
            throw new CliException(ExitCodes.Usage, "--param only applies to a new run: add --run new.");
        }

        return await TerminalProgress.RunAsync($"reading report {reportToken}", progress =>
            client.ReadReportAsync(reportToken, new ReportReadOptions
            {
                Run = startNew ? RunSelector.LatestSuccessful : RunSelector.Parse(run, parseResult.GetValue(Wait)),
                StartNewRun = startNew,
                Parameters = parameters,
                Query = parseResult.GetValue(Query),
                RunProgress = progress.Runs,
                DownloadProgress = progress.Download,
            }, cancellationToken)).ConfigureAwait(false);
    }
}
