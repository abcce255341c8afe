using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Runs;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Runs;

[Collection(SharedEmulatorDefinition.Name)]
public class RunSelectionTests(SharedEmulator shared)
{
    private ModeClient Client(Action<ModeClientOptions>? configure = null) => Emulated.Client(shared.Emulator, configure);

    private async Task<ReportRun> NewestAsync(string report)
    {
        await foreach (var page in Client().Runs.ListAsync(report).AsPages())
        {
            return page.Items[0];
        }

        throw new InvalidOperationException("no runs");
    }

    [Fact]
    public async Task LatestSuccessful_returns_the_newest_run_when_it_succeeded()
    {
        var newest = await NewestAsync(SampleWorkspace.LegoReport);

        var run = await Client().Runs.GetLatestSuccessfulAsync(SampleWorkspace.LegoReport);

        Assert.Equal(newest.Token, run.Token);
        Assert.True(run.State.IsSuccess);
    }

    [Fact]
    public async Task LatestSuccessful_skips_a_failed_newest_run()
    {
        var newest = await NewestAsync(SampleWorkspace.FailedNewestReport);

        var run = await Client().Runs.GetLatestSuccessfulAsync(SampleWorkspace.FailedNewestReport);

        Assert.True(newest.State.IsFailure);
        Assert.NotEqual(newest.Token, run.Token);
        Assert.True(run.State.IsSuccess);
    }

    [Fact]
    public async Task LatestSuccessful_skips_an_in_progress_newest_run()
    {
        var newest = await NewestAsync(SampleWorkspace.InProgressReport);

        var run = await Client().Runs.GetLatestSuccessfulAsync(SampleWorkspace.InProgressReport);

        Assert.True(newest.State.IsInProgress);
        Assert.NotEqual(newest.Token, run.Token);
        Assert.True(run.State.IsSuccess);
    }

    [Fact]
    public async Task LatestSuccessful_agrees_with_walking_every_page()
    {
        var client = Client();
        foreach (var report in new[] { SampleWorkspace.LegoReport, SampleWorkspace.FailedNewestReport, SampleWorkspace.InProgressReport })
        {
            var walked = await client.Runs.ListAsync(report).FirstAsync(r => r.State.IsSuccess);
            var picked = await client.Runs.GetLatestSuccessfulAsync(report);
            Assert.Equal(walked.Token, picked.Token);
        }
    }

    [Fact]
    public async Task LatestSuccessful_walks_the_runs_when_the_report_gives_no_pointer()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var pointed = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.FailedNewestReport);

        emulator.Switches.ReportOmitsLastSuccessfulRun = true;
        var report = await client.Reports.GetAsync(SampleWorkspace.FailedNewestReport);
        var walked = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.FailedNewestReport);

        Assert.Null(report.LastSuccessfulRunToken);
        Assert.Null(report.GetLink("last_successful_run"));
        Assert.Equal(pointed.Token, walked.Token);
        Assert.True(walked.State.IsSuccess);
    }

    [Fact]
    public async Task Latest_returns_the_newest_run_when_it_succeeded()
    {
        var newest = await NewestAsync(SampleWorkspace.LegoReport);

        var run = await Client().Runs.GetLatestAsync(SampleWorkspace.LegoReport);

        Assert.Equal(newest.Token, run.Token);
    }

    [Fact]
    public async Task Latest_fails_on_a_failed_newest_run_naming_run_state_start_and_query_error()
    {
        var newest = await NewestAsync(SampleWorkspace.FailedNewestReport);

        var error = await Assert.ThrowsAsync<ModeRunException>(() => Client().Runs.GetLatestAsync(SampleWorkspace.FailedNewestReport));

        Assert.Equal(RunProblem.Failed, error.Problem);
        Assert.Equal(newest.Token, error.RunToken);
        Assert.Equal(SampleWorkspace.FailedNewestReport, error.ReportToken);
        Assert.Equal(RunState.Failed, error.State);
        Assert.Equal(newest.CreatedAt, error.StartedAt);
        Assert.Contains(newest.Token!, error.Message, StringComparison.Ordinal);
        Assert.Contains("'failed'", error.Message, StringComparison.Ordinal);
        Assert.Contains("started ", error.Message, StringComparison.Ordinal);
        var queryError = Assert.Single(error.QueryErrors);
        Assert.False(string.IsNullOrEmpty(queryError.ErrorMessage));
        Assert.Contains(queryError.ErrorMessage!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_fails_on_an_in_progress_newest_run_unless_asked_to_wait()
    {
        var newest = await NewestAsync(SampleWorkspace.InProgressReport);

        var error = await Assert.ThrowsAsync<ModeRunException>(() => Client().Runs.GetLatestAsync(SampleWorkspace.InProgressReport));

        Assert.Equal(RunProblem.InProgress, error.Problem);
        Assert.Equal(newest.Token, error.RunToken);
        Assert.Contains("still in progress", error.Message, StringComparison.Ordinal);
        Assert.Contains("'enqueued'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_run_that_never_finishes_stops_at_the_deadline_with_progress_reported()
    {
        var newest = await NewestAsync(SampleWorkspace.InProgressReport);
        var reports = new List<RunProgress>();
        var client = Client(o => o.RunWait = new RunWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<ModeRunException>(() =>
            client.Runs.SelectAsync(SampleWorkspace.InProgressReport, RunSelector.Latest(waitIfInProgress: true), new SyncProgress(reports)));

        Assert.Equal(RunProblem.WaitTimedOut, error.Problem);
        Assert.Equal(newest.Token, error.RunToken);
        Assert.True(reports.Count >= 2);
        Assert.All(reports, p => Assert.Equal(RunState.Enqueued, p.State));
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(p => p.Checks));
    }

    [Fact]
    public async Task Waiting_is_cancelled_by_the_caller()
    {
        var newest = await NewestAsync(SampleWorkspace.InProgressReport);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client().Runs.WaitForCompletionAsync(SampleWorkspace.InProgressReport, newest.Token!, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task A_run_chosen_by_token_is_returned_when_it_succeeded_and_refused_when_it_failed()
    {
        var client = Client();
        var runs = await client.Runs.ListAsync(SampleWorkspace.FailedNewestReport).ToListAsync();
        var succeeded = runs.First(r => r.State.IsSuccess);
        var failed = runs.First(r => r.State.IsFailure);

        var chosen = await client.Runs.SelectAsync(SampleWorkspace.FailedNewestReport, RunSelector.ByToken(succeeded.Token!));
        var error = await Assert.ThrowsAsync<ModeRunException>(() => client.Runs.SelectAsync(SampleWorkspace.FailedNewestReport, RunSelector.Parse(failed.Token!)));

        Assert.Equal(succeeded.Token, chosen.Token);
        Assert.Equal(failed.Token, error.RunToken);
        Assert.Equal(RunProblem.Failed, error.Problem);
    }

    private sealed class SyncProgress(List<RunProgress> into) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
