using ModeSharp.Api;
using ModeSharp.Http;

namespace ModeSharp.Runs;

/// <summary>Polls a run until it succeeds, fails, or the deadline passes.</summary>
internal static class RunWaiter
{
    public static async Task<ReportRun> WaitAsync(
        ModeTransport transport, RunsClient runs, QueryRunsClient queryRuns, string reportToken, string runToken,
        RunWaitOptions options, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = transport.TimeProvider;
        var started = clock.GetTimestamp();
        var delay = options.InitialDelay;
        for (var checks = 1; ; checks++)
        {
            var run = await runs.GetAsync(reportToken, runToken, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            if (run.State.IsSuccess)
            {
                progress?.Report(new RunProgress(reportToken, runToken, run.State, elapsed, checks, null));
                return run;
            }

            if (run.State.IsFailure)
            {
                progress?.Report(new RunProgress(reportToken, runToken, run.State, elapsed, checks, null));
                throw await RunFailures.FailedAsync(queryRuns, reportToken, run, "Run", cancellationToken).ConfigureAwait(false);
            }

            // In progress, including states Mode may add later.
            var remaining = options.Timeout - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw RunFailures.TimedOut(reportToken, run, elapsed);
            }

            var wait = Jittered(delay, options.Jitter);
            if (wait > remaining)
            {
                wait = remaining;
            }

            progress?.Report(new RunProgress(reportToken, runToken, run.State, elapsed, checks, wait));
            Log.RunPolled(transport.Logger, runToken, reportToken, run.State.Value, (long)elapsed.TotalMilliseconds, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks((long)Math.Min(delay.Ticks * Math.Max(1, options.Multiplier), options.MaxDelay.Ticks));
        }
    }

    private static TimeSpan Jittered(TimeSpan delay, double jitter)
    {
        if (jitter <= 0)
        {
            return delay;
        }

#pragma warning disable CA5394 // Jitter spreads polling; it is not security-sensitive.
        var factor = 1 + (((Random.Shared.NextDouble() * 2) - 1) * Math.Min(jitter, 1));
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
