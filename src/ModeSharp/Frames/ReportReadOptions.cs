using ModeSharp.Api;
using ModeSharp.Results;
using ModeSharp.Runs;

namespace ModeSharp.Frames;

/// <summary>
/// What <see cref="ModeClient.ReadReportAsync"/> reads: which run, which query, and how to type the CSV.
/// The defaults read the latest successful run of a one-query report.
/// </summary>
public sealed record ReportReadOptions
{
    /// <summary>The existing run to read (default: the latest successful run). Leave it at the default with <see cref="StartNewRun"/>.</summary>
    public RunSelector Run { get; init; } = RunSelector.LatestSuccessful;

    /// <summary>Start a new run with <see cref="Parameters"/>, wait for it to finish, then read it.</summary>
    public bool StartNewRun { get; init; }

    /// <summary>Report parameters for a new run (multi-select values as lists). Only with <see cref="StartNewRun"/>: existing runs keep theirs.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>
    /// The query to read, by name (as in the report) or by query or query-run token. Needed when the report has more
    /// than one query; <see cref="ModeClient.ReadReportQueriesAsync"/> reads them all.
    /// </summary>
    public string? Query { get; init; }

    /// <summary>How the CSV is typed: missing-value strings, per-column types, strictness.</summary>
    public CsvReadOptions? Csv { get; init; }

    /// <summary>How long and how often to poll a run that is still in progress (default: the client's <see cref="ModeClientOptions.RunWait"/>).</summary>
    public RunWaitOptions? Wait { get; init; }

    /// <summary>Told of each poll while a run is awaited.</summary>
    public IProgress<RunProgress>? RunProgress { get; init; }

    /// <summary>Told how many decoded bytes of results have been read so far, as they arrive.</summary>
    public IProgress<long>? DownloadProgress { get; init; }
}
