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

    public Option<bool> Strict { get; } = new("--strict") { Description = "Stop at the first problem in the data (exit 7) instead of reading on." };

    public Option<bool> AllowProblems { get; } = new("--allow-problems")
    {
        Description = "Exit 0 even when some values did not fit (they are null and listed on standard error). Without it, such a read exits 7 after writing.",
    };

    public Option<double> Timeout { get; } = CommonOptions.Timeout();

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
        command.Options.Add(AllowProblems);
        command.Options.Add(Timeout);
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

    /// <summary>
    /// Problems (values that did not fit a --type, short rows) go to standard error so a machine-readable standard
    /// output stays clean, and make the exit code 7 unless --allow-problems: a null where data was is never silent.
    /// </summary>
    public int Finish(ParseResult parseResult, ReportFrame result)
    {
        if (result.Problems.Count == 0)
        {
            return ExitCodes.Success;
        }

        var error = Console.Error;
        error.WriteLine($"modesharp: {result.Problems.Count} problem(s) in the results of report {result.ReportToken}, run {result.Run.Token}; the cells involved are null:");
        foreach (var problem in result.Problems.Take(20)) error.WriteLine("  " + problem);
        if (result.Problems.Count > 20) error.WriteLine($"  … and {result.Problems.Count - 20} more");
        if (parseResult.GetValue(AllowProblems))
        {
            return ExitCodes.Success;
        }
        error.WriteLine("modesharp: exit 7 (malformed result data); pass --allow-problems to accept these nulls.");
        return ExitCodes.MalformedData;
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
                Wait = CommonOptions.WaitOptions(parseResult, Timeout),
                RunProgress = startNew ? progress.StartedRuns : progress.Runs,
                DownloadProgress = progress.Download,
            }, cancellationToken)).ConfigureAwait(false);
    }
}
