using ModeSharp.Frames;

namespace ModeSharp;

public sealed partial class ModeClient
{
    /// <summary>
    /// Reads one query's results of a report into a typed <see cref="Microsoft.Data.Analysis.DataFrame"/>, in memory:
    /// by default the latest successful run's only query. The CSV is streamed from Mode's per-query export and typed
    /// from every row; nothing is written to disk.
    /// </summary>
    /// <param name="reportToken">The report's token (the part after <c>/reports/</c> in its URL).</param>
    /// <param name="options">Which run and query, and how to type the CSV; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting and downloading.</param>
    /// <returns>The frame with the run it came from, its column specification and any problems.</returns>
    /// <exception cref="ModeApiException">Mode refused or failed (401, 404, 429 after retries, …), or the body was cut off.</exception>
    /// <exception cref="ModeRunException">The chosen run failed, was cancelled, is still running, or no run ever succeeded.</exception>
    /// <exception cref="ArgumentException">The report has several queries and <see cref="ReportReadOptions.Query"/> names none of them.</exception>
    /// <exception cref="Results.CsvDataException">The CSV is malformed; the message names the report, run, query, row and column.</exception>
    public Task<ReportFrame> ReadReportAsync(string reportToken, ReportReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return ReportFrameReader.ReadOneAsync(this, reportToken.Trim(), options ?? new ReportReadOptions(), cancellationToken);
    }

    /// <summary>
    /// Reads every query of the chosen run into its own frame, keyed by query name (a repeated name gets <c>_2</c>,
    /// <c>_3</c>). Uses the per-query exports, never the run-level ZIP, which Mode is known to leave incomplete.
    /// </summary>
    /// <inheritdoc cref="ReadReportAsync" path="/param"/>
    /// <inheritdoc cref="ReadReportAsync" path="/exception"/>
    public Task<IReadOnlyDictionary<string, ReportFrame>> ReadReportQueriesAsync(string reportToken, ReportReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return ReportFrameReader.ReadAllAsync(this, reportToken.Trim(), options ?? new ReportReadOptions(), cancellationToken);
    }
}
