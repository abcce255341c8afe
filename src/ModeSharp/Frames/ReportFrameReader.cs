using System.Globalization;
using ModeSharp.Api;
using ModeSharp.Results;
using ModeSharp.Runs;

namespace ModeSharp.Frames;

/// <summary>
/// Composes the client and the reader: choose the run, find the query runs, stream each per-query CSV export
/// into the reader. Per-query exports only: the run-level ZIP is known to miss queries (mode-api.md §8.3).
/// </summary>
internal static class ReportFrameReader
{
    public static async Task<ReportFrame> ReadOneAsync(ModeClient client, string reportToken, ReportReadOptions options, CancellationToken cancellationToken)
    {
        var (run, queryRuns) = await RunAndQueryRunsAsync(client, reportToken, options, cancellationToken).ConfigureAwait(false);
        var queryRun = PickQueryRun(reportToken, run, queryRuns, options.Query);
        return await ReadQueryRunAsync(client, reportToken, run, queryRun, options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyDictionary<string, ReportFrame>> ReadAllAsync(ModeClient client, string reportToken, ReportReadOptions options, CancellationToken cancellationToken)
    {
        if (options.Query is not null)
        {
            throw new ArgumentException($"ReportReadOptions.Query ('{options.Query}') picks one query, but every query was asked for; use ReadReportAsync for one.", nameof(options));
        }

        var (run, queryRuns) = await RunAndQueryRunsAsync(client, reportToken, options, cancellationToken).ConfigureAwait(false);
        if (queryRuns.Count == 0)
        {
            throw NoQueryRuns(reportToken, run);
        }

        var frames = new Dictionary<string, ReportFrame>(StringComparer.Ordinal);
        foreach (var queryRun in queryRuns)
        {
            var frame = await ReadQueryRunAsync(client, reportToken, run, queryRun, options, cancellationToken).ConfigureAwait(false);
            frames[UniqueKey(frames, frame.QueryName)] = frame;
        }
        return frames;
    }

    /// <summary>Options that contradict each other are refused: silently ignoring one would read the wrong run.</summary>
    private static void Validate(ReportReadOptions options)
    {
        if (options.Parameters is not null && !options.StartNewRun)
        {
            throw new ArgumentException("ReportReadOptions.Parameters only apply to a new run: set StartNewRun as well (existing runs keep the parameters they ran with).", nameof(options));
        }

        if (options.StartNewRun && options.Run != RunSelector.LatestSuccessful)
        {
            throw new ArgumentException($"ReportReadOptions.StartNewRun reads the run it starts, so Run ('{options.Run}') cannot also be chosen.", nameof(options));
        }
    }

    private static async Task<(ReportRun Run, IReadOnlyList<QueryRun> QueryRuns)> RunAndQueryRunsAsync(
        ModeClient client, string reportToken, ReportReadOptions options, CancellationToken cancellationToken)
    {
        Validate(options);
        var run = await ChooseRunAsync(client, reportToken, options, cancellationToken).ConfigureAwait(false);
        return (run, await client.QueryRuns.ListAsync(run, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<ReportRun> ChooseRunAsync(ModeClient client, string reportToken, ReportReadOptions options, CancellationToken cancellationToken)
    {
        if (!options.StartNewRun)
        {
            return await client.Runs.SelectAsync(reportToken, options.Run, options.Wait, options.RunProgress, cancellationToken).ConfigureAwait(false);
        }

        var created = await client.Runs.CreateAsync(reportToken, options.Parameters, cancellationToken).ConfigureAwait(false);
        return await client.Runs.WaitForCompletionAsync(created, options.Wait, options.RunProgress, cancellationToken).ConfigureAwait(false);
    }

    private static QueryRun PickQueryRun(string reportToken, ReportRun run, IReadOnlyList<QueryRun> queryRuns, string? query)
    {
        if (query is null)
        {
            return queryRuns.Count switch
            {
                1 => queryRuns[0],
                0 => throw NoQueryRuns(reportToken, run),
                _ => throw new ArgumentException(
                    $"Report {reportToken} has {queryRuns.Count} queries ({Names(queryRuns)}); say which to read, by name or token.",
                    nameof(query)),
            };
        }

        return queryRuns.FirstOrDefault(q => string.Equals(q.QueryName, query, StringComparison.Ordinal))
            ?? queryRuns.FirstOrDefault(q => string.Equals(q.QueryToken, query, StringComparison.Ordinal) || string.Equals(q.Token, query, StringComparison.Ordinal))
            ?? queryRuns.FirstOrDefault(q => string.Equals(q.QueryName, query, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Report {reportToken} has no query named \"{query}\" (its queries: {Names(queryRuns)}).", nameof(query));
    }

    private static async Task<ReportFrame> ReadQueryRunAsync(ModeClient client, string reportToken, ReportRun run, QueryRun queryRun, ReportReadOptions options, CancellationToken cancellationToken)
    {
        await using var body = await client.Results.OpenCsvAsync(queryRun, cancellationToken).ConfigureAwait(false);
        Stream source = options.DownloadProgress is { } progress ? new ProgressReportingStream(body, progress) : body;
        var csv = options.Csv ?? CsvReadOptions.Default;
        if (body.ReadsAhead && Environment.ProcessorCount < 3)
        {
            // The body is already gunzipped on a second thread; tokenizing on a third gains nothing without a third
            // core (measured on two: the same time, a few MB more memory), so the reader keeps to one thread.
            csv = csv with { UseSecondThread = false };
        }

        try
        {
            var result = await CsvFrameReader.ReadAsync(source, csv, cancellationToken).ConfigureAwait(false);
            return new ReportFrame(reportToken, run, queryRun, result);
        }
        catch (CsvDataException e)
        {
            // The reader knows rows and columns, not Mode: say which report, run and query the bad CSV came from.
            throw new CsvDataException(
                string.Create(CultureInfo.InvariantCulture, $"Report {reportToken}, run {run.Token}, query \"{queryRun.QueryName ?? queryRun.Token}\" (query run {queryRun.Token}): {e.Message}"),
                e.Row, e.Line, e.Column, e.RawValue, e.Expected, e);
        }
    }

    private static ModeRunException NoQueryRuns(string reportToken, ReportRun run) =>
        new($"Run {run.Token} of report {reportToken} ({run.State.Value}) lists no query runs, so it has no results to read.", RunProblem.NoQueryRuns, run.State)
        {
            ReportToken = reportToken,
            RunToken = run.Token,
            StartedAt = run.CreatedAt,
        };

    private static string Names(IReadOnlyList<QueryRun> queryRuns) =>
        string.Join(", ", queryRuns.Select(q => q.QueryName is null ? q.Token : $"\"{q.QueryName}\" ({q.QueryToken ?? q.Token})"));

    private static string UniqueKey(Dictionary<string, ReportFrame> frames, string name)
    {
        if (!frames.ContainsKey(name)) return name;
        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
            if (!frames.ContainsKey(candidate)) return candidate;
        }
    }
}
