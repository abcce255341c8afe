namespace ModeSharp.Emulator.State;

/// <summary>
/// Run states Mode documents (mode-api.md §6.2). In progress: pending, enqueued, running_notebook. Finished with
/// results: succeeded, completed. Finished without: failed, cancelled.
/// </summary>
internal static class RunStates
{
    public const string Pending = "pending";
    public const string Enqueued = "enqueued";
    public const string RunningNotebook = "running_notebook";
    public const string Succeeded = "succeeded";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsInProgress(string state) => state is Pending or Enqueued or RunningNotebook;

    public static bool IsSuccess(string state) => state is Succeeded or Completed;
}

/// <summary>
/// One report run. Mutable only through <see cref="ReportState"/>, under its lock: a created run finishes
/// lazily, the first time anyone looks at it after its clock has run out.
/// </summary>
internal sealed class RunState
{
    public required string Token { get; init; }
    public required long Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyDictionary<string, object> Parameters { get; init; }
    public required IReadOnlyList<QueryRunState> QueryRuns { get; init; }

    /// <summary>When the run finishes if nobody pins it; <see cref="DateTimeOffset.MaxValue"/> for never.</summary>
    public required DateTimeOffset DueAt { get; init; }

    public bool Purged { get; init; }

    /// <summary>What the run ends as when every query succeeds: <c>succeeded</c>, or <c>completed</c> (also a success).</summary>
    public string SuccessState { get; init; } = RunStates.Succeeded;

    /// <summary>From when an unfinished run reports <c>running_notebook</c> (its SQL done, its notebook running); null for never.</summary>
    public DateTimeOffset? NotebookFrom { get; init; }

    public string State { get; set; } = RunStates.Enqueued;
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset UpdatedAt => CompletedAt ?? CreatedAt;
    public bool IsFinished => !RunStates.IsInProgress(State);
}

/// <summary>One query's part of a run.</summary>
internal sealed class QueryRunState
{
    public required string Token { get; init; }
    public required long Id { get; init; }
    public required QueryState Query { get; init; }

    /// <summary>The SQL this run executed (the query may have been edited since).</summary>
    public required Workspace.QueryText Sql { get; init; }

    public string State { get; set; } = RunStates.Enqueued;
    public string? ErrorMessage { get; set; }
    public string? ErrorCode { get; set; }
}
