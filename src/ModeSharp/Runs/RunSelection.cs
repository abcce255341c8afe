using ModeSharp.Api;
using ModeSharp.Http;

namespace ModeSharp.Runs;

/// <summary>Finds the run a <see cref="RunSelector"/> means.</summary>
internal static class RunSelection
{
    public static async Task<ReportRun> LatestSuccessfulAsync(ModeTransport transport, ReportsClient reports, RunsClient runs, string reportToken, CancellationToken cancellationToken)
    {
        // One call when Mode tells us (mode-api.md §11.3); walking the runs only when it does not.
        var report = await reports.GetAsync(reportToken, cancellationToken).ConfigureAwait(false);
        var token = report.LastSuccessfulRunToken ?? LastSegment(report.GetLink("last_successful_run"));
        if (!string.IsNullOrWhiteSpace(token))
        {
            try
            {
                var run = await runs.GetAsync(reportToken, token, cancellationToken).ConfigureAwait(false);
                if (run.State.IsSuccess)
                {
                    return run;
                }
            }
            catch (ModeApiException e) when (e.IsNotFound)
            {
                // A stale pointer: fall back to the run list.
                Log.Failed(transport.Logger, e.Method, e.Path, "last_successful_run_token points at a missing run; walking the runs instead");
            }
        }

        var checkedRuns = 0;
        ReportRun? newest = null;
        await foreach (var run in runs.ListAsync(reportToken, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            newest ??= run;
            checkedRuns++;
            if (run.State.IsSuccess)
            {
                return run;
            }
        }

        throw RunFailures.NoSuccessfulRun(reportToken, checkedRuns, newest);
    }

    public static async Task<ReportRun> LatestAsync(
        RunsClient runs, QueryRunsClient queryRuns, string reportToken, bool waitIfInProgress, RunWaitOptions? wait, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReportRun> firstPage = [];
        await foreach (var page in runs.ListAsync(reportToken, cancellationToken: cancellationToken).AsPages(cancellationToken).ConfigureAwait(false))
        {
            firstPage = page.Items;
            break;
        }

        // Runs come newest first; the flag and the timestamps guard against a server that orders otherwise.
        var newest = firstPage.FirstOrDefault(r => r.IsLatestReportRun == true)
            ?? firstPage.MaxBy(r => r.CreatedAt ?? DateTimeOffset.MinValue);
        if (newest is null)
        {
            throw RunFailures.NoSuccessfulRun(reportToken, 0, null);
        }

        return await RequireSuccessAsync(runs, queryRuns, reportToken, newest, "The newest run", waitIfInProgress, wait, progress, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ReportRun> RequireSuccessAsync(
        RunsClient runs, QueryRunsClient queryRuns, string reportToken, ReportRun run, string what, bool waitIfInProgress, RunWaitOptions? wait, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        if (run.State.IsSuccess)
        {
            return run;
        }

        if (run.State.IsFailure)
        {
            throw await RunFailures.FailedAsync(queryRuns, reportToken, run, what, cancellationToken).ConfigureAwait(false);
        }

        if (!waitIfInProgress)
        {
            throw RunFailures.InProgress(reportToken, run, what);
        }

        return await runs.WaitForCompletionAsync(reportToken, run.Token!, wait, progress, cancellationToken).ConfigureAwait(false);
    }

    private static string? LastSegment(string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        var path = href.Split('?', 2)[0].TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
