using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.State;

/// <summary>A report and its runs. Thread-safe: every read of runs goes through <see cref="Snapshot"/>.</summary>
internal sealed class ReportState
{
    private readonly Lock _gate = new();
    private readonly List<RunState> _runs = []; // oldest first
    private readonly QueryExecutor _executor;
    private readonly TimeProvider _time;

    public ReportState(ReportDefinition definition, string token, long id, string name, SpaceDefinition space,
        IReadOnlyList<QueryState> queries, ReportParameters parameters, QueryExecutor executor, TimeProvider time)
    {
        Definition = definition;
        Token = token;
        Id = id;
        Name = name;
        Space = space;
        Queries = queries;
        Parameters = parameters;
        _executor = executor;
        _time = time;
    }

    public ReportDefinition Definition { get; }
    public string Token { get; }
    public long Id { get; }
    public string Name { get; }
    public SpaceDefinition Space { get; }
    public IReadOnlyList<QueryState> Queries { get; }
    public ReportParameters Parameters { get; }

    public void AddRun(RunState run)
    {
        lock (_gate)
        {
            var index = _runs.FindLastIndex(r => r.CreatedAt <= run.CreatedAt);
            _runs.Insert(index + 1, run);
        }
    }

    /// <summary>Finishes due runs, then returns the runs oldest first with the flags Mode derives from them.</summary>
    /// <param name="holdBack">A run just created: reported as enqueued even if its clock is zero.</param>
    public ReportSnapshot Snapshot(RunState? holdBack = null)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var run in _runs)
            {
                if (run.IsFinished || ReferenceEquals(run, holdBack))
                {
                    continue;
                }

                if (run.DueAt <= now)
                {
                    Finish(run);
                }
                else if (run.NotebookFrom <= now)
                {
                    run.State = RunStates.RunningNotebook;
                }
            }

            return new ReportSnapshot([.. _runs]);
        }
    }

    private void Finish(RunState run)
    {
        var failed = false;
        foreach (var queryRun in run.QueryRuns)
        {
            var error = _executor.Check(queryRun.Sql, run.Parameters, executeFirstRow: true);
            queryRun.State = error is null ? RunStates.Succeeded : RunStates.Failed;
            queryRun.ErrorMessage = error?.Message;
            queryRun.ErrorCode = error?.Code;
            failed |= error is not null;
        }

        run.State = failed ? RunStates.Failed : run.SuccessState;
        run.CompletedAt = run.DueAt;
    }
}

/// <summary>A consistent view of a report's runs at one moment.</summary>
internal sealed class ReportSnapshot
{
    public ReportSnapshot(IReadOnlyList<RunState> runsOldestFirst)
    {
        Runs = runsOldestFirst;
        Latest = runsOldestFirst.Count > 0 ? runsOldestFirst[^1] : null;
        LatestSuccessful = runsOldestFirst.LastOrDefault(r => RunStates.IsSuccess(r.State));
        HasFailuresSinceLastSuccess = runsOldestFirst
            .Any(r => r.State is RunStates.Failed or RunStates.Cancelled && (LatestSuccessful is null || r.CreatedAt > LatestSuccessful.CreatedAt));
    }

    public IReadOnlyList<RunState> Runs { get; }
    public RunState? Latest { get; }
    public RunState? LatestSuccessful { get; }
    public bool HasFailuresSinceLastSuccess { get; }

    public RunState? Find(string token) => Runs.FirstOrDefault(r => r.Token == token);
}
