using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Runs;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Runs;

/// <summary>
/// The states beyond enqueued/succeeded/failed, as the emulator serves them: <c>completed</c> is a success (the seed
/// blog post's check for <c>succeeded</c> alone would reject it), <c>cancelled</c> a failure, <c>running_notebook</c>
/// still in progress.
/// </summary>
public class RunStatesOverHttpTests
{
    [Fact]
    public async Task A_completed_newest_run_is_the_latest_successful_and_its_table_is_read()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var latest = await client.Runs.GetLatestAsync(SampleWorkspace.CompletedNewestReport);
        var successful = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.CompletedNewestReport);
        var frame = await client.ReadReportAsync(SampleWorkspace.CompletedNewestReport);

        Assert.Equal(RunState.Completed, latest.State);
        Assert.True(latest.State.IsSuccess);
        Assert.Equal(latest.Token, successful.Token);
        Assert.Equal(latest.Token, frame.Run.Token);
        Assert.Equal(["island", "species", "penguins"], frame.Frame.Columns.Select(c => c.Name));
        Assert.True(frame.Frame.Rows.Count > 0);
    }

    [Fact]
    public async Task A_cancelled_newest_run_fails_latest_and_latest_successful_skips_it_and_the_running_notebook()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var runs = await client.Runs.ListAsync(SampleWorkspace.CancelledNewestReport).Take(3).ToListAsync();

        var error = await Assert.ThrowsAsync<ModeRunException>(() => client.Runs.GetLatestAsync(SampleWorkspace.CancelledNewestReport));
        var successful = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.CancelledNewestReport);

        Assert.Equal([RunState.Cancelled, RunState.RunningNotebook, RunState.Completed], runs.Select(r => r.State));
        Assert.True(runs[1].State.IsInProgress);
        Assert.Equal(RunProblem.Failed, error.Problem);
        Assert.Equal(runs[0].Token, error.RunToken);
        Assert.Contains("'cancelled'", error.Message, StringComparison.Ordinal);
        Assert.Contains("It was cancelled", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix the query", error.Message, StringComparison.Ordinal);
        Assert.Equal(runs[2].Token, successful.Token);
    }

    [Fact]
    public async Task Without_the_reports_pointer_the_walk_also_takes_a_completed_run_after_cancelled_and_running_ones()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.ReportOmitsLastSuccessfulRun = true;
        var client = Emulated.Client(emulator);
        var third = (await client.Runs.ListAsync(SampleWorkspace.CancelledNewestReport).Take(3).ToListAsync())[2];

        var frame = await client.ReadReportAsync(SampleWorkspace.CancelledNewestReport);

        Assert.Equal(third.Token, frame.Run.Token);
        Assert.Equal(["cut", "diamonds", "mean_price"], frame.Frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Waiting_passes_through_running_notebook_and_accepts_completed()
    {
        // The run reports running_notebook for the second half of its time, and only a poll in that half sees it: the
        // half is 1.5 s against polls every 20-40 ms, so a loaded machine (a GC pause, other tests) cannot skip it.
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.FromSeconds(3) });
        emulator.Switches.RunsPassThroughRunningNotebook = true;
        emulator.Switches.RunsEndCompleted = true;
        var client = Emulated.Client(emulator, o => o.RunWait = new RunWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(40), Timeout = TimeSpan.FromSeconds(30) });
        var seen = new List<RunState>();

        var created = await client.Runs.CreateAsync(SampleWorkspace.LegoReport);
        var done = await client.Runs.WaitForCompletionAsync(created, progress: new Recorder(p => { lock (seen) seen.Add(p.State); }));

        Assert.Equal(RunState.Completed, done.State);
        Assert.Contains(RunState.RunningNotebook, seen);
        Assert.Equal(RunState.Completed, seen[^1]);
    }

    private sealed class Recorder(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
