using System.CommandLine;
using ModeSharp.Cli.Output;
using ModeSharp.Frames;
using ModeSharp.Results;
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

    public Option<string[]> Types { get; } = new("--type", "-t")
    {
        Description = "Force a column's type as NAME=TYPE (boolean, integer, double, decimal, date, timestamp, text); repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string[]> Missing { get; } = new("--na")
    {
        Description = "A text that means a missing value (besides the empty field), e.g. --na NULL; repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Fail (exit 7) on any problem in the data instead of reporting it." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Report);
        command.Options.Add(Run);
        command.Options.Add(Query);
        command.Options.Add(Parameters);
        command.Options.Add(Wait);
        command.Options.Add(Types);
        command.Options.Add(Missing);
        command.Options.Add(Strict);
    }

    private CsvReadOptions CsvOptions(ParseResult parseResult)
    {
        var types = new Dictionary<string, CsvColumnType>(StringComparer.Ordinal);
        foreach (var value in parseResult.GetValue(Types) ?? [])
        {
            var equals = value.LastIndexOf('=');
            if (equals <= 0 || !CsvColumnTypeNames.TryParse(value[(equals + 1)..].Trim(), out var type))
            {
                throw new CliException(ExitCodes.Usage, $"--type '{value}' is not NAME=TYPE with TYPE one of boolean, integer, double, decimal, date, timestamp, text.");
            }
            types[value[..equals]] = type;
        }
        return new CsvReadOptions
        {
            ColumnTypes = types,
            MissingValues = parseResult.GetValue(Missing) ?? [],
            Strict = parseResult.GetValue(Strict),
        };
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
                Csv = CsvOptions(parseResult),
                RunProgress = progress.Runs,
                DownloadProgress = progress.Download,
            }, cancellationToken)).ConfigureAwait(false);
    }
}
