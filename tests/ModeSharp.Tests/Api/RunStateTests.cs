using ModeSharp.Api;

namespace ModeSharp.Tests.Api;

public class RunStateTests
{
    [Theory]
    [InlineData("succeeded")]
    [InlineData("completed")]
    public void Succeeded_and_completed_are_success(string state)
    {
        var s = new RunState(state);
        Assert.True(s.IsSuccess);
        Assert.False(s.IsFailure);
        Assert.False(s.IsInProgress);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public void Failed_and_cancelled_are_failure(string state)
    {
        var s = new RunState(state);
        Assert.True(s.IsFailure);
        Assert.False(s.IsSuccess);
        Assert.False(s.IsInProgress);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("enqueued")]
    [InlineData("running_notebook")]
    [InlineData("running")]
    [InlineData("something_new")]
    [InlineData(null)]
    public void Pending_enqueued_running_notebook_and_unknown_states_are_in_progress(string? state)
    {
        Assert.True(new RunState(state).IsInProgress);
    }

    [Fact]
    public void States_compare_ignoring_case()
    {
        Assert.Equal(RunState.Succeeded, new RunState("SUCCEEDED"));
        Assert.NotEqual(RunState.Succeeded, RunState.Completed);
    }
}
