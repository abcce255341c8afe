using System.Globalization;
using ModeSharp.Api.Json;
using ModeSharp.Http;
using ModeSharp.Runs;

namespace ModeSharp.Api;

/// <summary>
/// Report runs: list (every page), get, create (retried only on 429), wait for, and choose one
/// (latest successful, latest, by token).
/// </summary>
public sealed class RunsClient
{
    private readonly ModeTransport _transport;
    private readonly ReportsClient _reports;
    private readonly QueryRunsClient _queryRuns;

    internal RunsClient(ModeTransport transport, ReportsClient reports, QueryRunsClient queryRuns)
    {
        _transport = transport;
        _reports = reports;
        _queryRuns = queryRuns;
    }

    /// <summary>
    /// Every run of a report, newest first, across all pages (Mode serves 20 per page by default and at most 30).
    /// </summary>
    /// <param name="reportToken">The report.</param>
    /// <param name="perPage">Runs per page to ask for (Mode caps it at 30); <see langword="null"/> for Mode's default.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public ModePageable<ReportRun> ListAsync(string reportToken, int? perPage = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        var path = _transport.ApiPath("reports", reportToken, "runs") + "?order=desc&order_by=created_at"
            + (perPage is { } n ? "&per_page=" + n.ToString(CultureInfo.InvariantCulture) : "");
        return new ModePageable<ReportRun>(
            token => HalPager.PagesAsync(
                _transport, path, "report_runs", ModeJsonContext.Default.ListReportRun, r => r.Token,
                r => r.ReportToken = reportToken, ModeRequestContext.ForReport(reportToken), false, token),
            cancellationToken);
    }

    /// <summary>One run.</summary>
    /// <exception cref="ModeApiException">404 naming the run and report tokens, or another failure.</exception>
    public async Task<ReportRun> GetAsync(string reportToken, string runToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        var run = await _transport.GetJsonAsync(
            _transport.ApiPath("reports", reportToken, "runs", runToken), ModeJsonContext.Default.ReportRun,
            ModeRequestContext.ForRun(reportToken, runToken), cancellationToken).ConfigureAwait(false);
        run.ReportToken = reportToken;
        return run;
    }

    /// <summary>
    /// Starts a run with the given parameters (multi-select values as lists). Mode answers 202 with the run
    /// <c>enqueued</c>; wait for it with <see cref="WaitForCompletionAsync(string, string, RunWaitOptions?, IProgress{RunProgress}?, CancellationToken)"/>.
    /// Retried only after a 429 (Mode refused before doing anything): after a 5xx or a broken connection the run may
    /// have started, and a retry would start, and bill, a second one.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter value cannot be sent as JSON.</exception>
    /// <exception cref="ModeApiException">Mode refused or failed; the run may or may not have started if the failure is a 5xx or a timeout.</exception>
    public async Task<ReportRun> CreateAsync(string reportToken, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        var body = RunParameters.ToBody(parameters);
        var run = await _transport.PostJsonAsync(
            _transport.ApiPath("reports", reportToken, "runs"), body, ModeJsonContext.Default.ReportRun,
            ModeRequestContext.ForReport(reportToken), cancellationToken).ConfigureAwait(false);
        run.ReportToken = reportToken;
        Log.RunCreated(_transport.Logger, run.Token ?? "?", reportToken, run.State.Value);
        return run;
    }

    /// <summary>
    /// Polls a run until it succeeds (returned), fails or is cancelled (<see cref="ModeRunException"/> with the queries'
    /// error messages), or <see cref="RunWaitOptions.Timeout"/> passes (<see cref="ModeRunException"/>, <see cref="RunProblem.WaitTimedOut"/>).
    /// States not known today count as in progress.
    /// </summary>
    public Task<ReportRun> WaitForCompletionAsync(string reportToken, string runToken, RunWaitOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        return RunWaiter.WaitAsync(_transport, this, _queryRuns, reportToken, runToken, options ?? _transport.Options.RunWait, progress, cancellationToken);
    }

    /// <summary>Waits for <paramref name="run"/>; see <see cref="WaitForCompletionAsync(string, string, RunWaitOptions?, IProgress{RunProgress}?, CancellationToken)"/>.</summary>
    public Task<ReportRun> WaitForCompletionAsync(ReportRun run, RunWaitOptions? options = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WaitForCompletionAsync(QueryRunsClient.Require(run.ReportToken, "report"), QueryRunsClient.Require(run.Token, "run"), options, progress, cancellationToken);
    }

    /// <summary>
    /// The newest successful run: the report's <c>last_successful_run_token</c> when Mode gives one, otherwise the
    /// first successful run found walking every page. A failed or running newest run is skipped.
    /// </summary>
    /// <exception cref="ModeRunException">The report has no successful run (<see cref="RunProblem.NoSuccessfulRun"/>).</exception>
    public Task<ReportRun> GetLatestSuccessfulAsync(string reportToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return RunSelection.LatestSuccessfulAsync(_transport, _reports, this, reportToken, cancellationToken);
    }

    /// <summary>
    /// The newest run, which must have succeeded (the rule of the R functions ModeSharp started from). If it failed,
    /// <see cref="ModeRunException"/> names it, its state, its start time and the queries' errors; if it is in progress,
    /// it is waited for when <paramref name="waitIfInProgress"/> is set and reported otherwise.
    /// </summary>
    public Task<ReportRun> GetLatestAsync(string reportToken, bool waitIfInProgress = false, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return RunSelection.LatestAsync(this, _queryRuns, reportToken, waitIfInProgress, null, progress, cancellationToken);
    }

    /// <summary>The run <paramref name="selector"/> names, checked to have succeeded (waiting for it if the selector says so).</summary>
    public Task<ReportRun> SelectAsync(string reportToken, RunSelector selector, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SelectAsync(reportToken, selector, waitOptions: null, progress, cancellationToken);

    /// <summary>
    /// The run <paramref name="selector"/> names, checked to have succeeded; a run still in progress is waited for, when
    /// the selector says so, with <paramref name="waitOptions"/> (default: <see cref="ModeClientOptions.RunWait"/>).
    /// </summary>
    public async Task<ReportRun> SelectAsync(string reportToken, RunSelector selector, RunWaitOptions? waitOptions, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentNullException.ThrowIfNull(selector);
        switch (selector.Kind)
        {
            case RunSelectorKind.LatestSuccessful:
                return await GetLatestSuccessfulAsync(reportToken, cancellationToken).ConfigureAwait(false);
            case RunSelectorKind.Latest:
                return await RunSelection.LatestAsync(this, _queryRuns, reportToken, selector.WaitIfInProgress, waitOptions, progress, cancellationToken).ConfigureAwait(false);
            default:
                var run = await GetAsync(reportToken, selector.RunToken!, cancellationToken).ConfigureAwait(false);
                return await RunSelection.RequireSuccessAsync(this, _queryRuns, reportToken, run, "Run", selector.WaitIfInProgress, waitOptions, progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
