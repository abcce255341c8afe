using ModeSharp.Api;

namespace ModeSharp;

/// <summary>Why a run could not be used.</summary>
public enum RunProblem
{
    /// <summary>The run ended in <c>failed</c> or <c>cancelled</c>.</summary>
    Failed,

    /// <summary>The run (for "latest": the newest run) is still in progress and waiting was not asked for.</summary>
    InProgress,

    /// <summary>The report has no successful run at all.</summary>
    NoSuccessfulRun,

    /// <summary>The run was still in progress when the wait deadline passed.</summary>
    WaitTimedOut,

    /// <summary>The run succeeded but lists no query runs, so it has no results to read.</summary>
    NoQueryRuns,
}

/// <summary>The error text of one query of a failed run.</summary>
/// <param name="QueryName">The query's name in the report.</param>
/// <param name="QueryRunToken">The query run token.</param>
/// <param name="State">The query run's state.</param>
/// <param name="ErrorMessage">The warehouse's message, as Mode reports it.</param>
/// <param name="ErrorCode">Mode's error class, e.g. <c>SqlUnknownFunction</c>.</param>
public sealed record QueryRunError(string? QueryName, string? QueryRunToken, RunState State, string? ErrorMessage, string? ErrorCode);

/// <summary>
/// A run cannot give results: it failed or was cancelled (with the query runs' error messages), the newest
/// run has not succeeded, no run ever succeeded, or waiting for it ran out of time.
/// </summary>
public sealed class ModeRunException : ModeException
{
    internal ModeRunException(string message, RunProblem problem, RunState state)
        : base(message, null)
    {
        Problem = problem;
        State = state;
    }

    /// <summary>Why the run is unusable.</summary>
    public RunProblem Problem { get; }

    /// <summary>The run's state when the error was raised.</summary>
    public RunState State { get; }

    /// <summary>When the run was created (started), when known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The failing queries' error messages (empty when not a failure or Mode gave none).</summary>
    public IReadOnlyList<QueryRunError> QueryErrors { get; init; } = [];
}
