using System.Globalization;
using System.Text.Json;
using ModeSharp.Emulator.Results;
using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.State;

/// <summary>
/// Everything one emulator instance serves: the workspace, its spaces and reports, and their runs.
/// Built from the workspace file at start; runs created through the API live only in this instance.
/// </summary>
internal sealed class WorkspaceState
{
    private readonly Dictionary<string, ReportState> _reports = new(StringComparer.Ordinal);
    private long _nextRunId = 700_000_000;

    public WorkspaceState(WorkspaceDefinition definition, SampleDatabase database, EmulatorOptions options)
    {
        Definition = definition;
        Username = options.Workspace ?? definition.Workspace.Username;
        Time = options.TimeProvider;
        RunDuration = options.RunDuration;
        Executor = new QueryExecutor(database);
        StartedAt = TruncateToMilliseconds(Time.GetUtcNow());

        var spaces = definition.Spaces.ToDictionary(s => s.Token, StringComparer.Ordinal);
        Spaces = definition.Spaces;
        var ordered = new List<ReportState>();
        foreach (var report in definition.Reports)
        {
            if (!spaces.TryGetValue(report.Space, out var space))
            {
                throw new InvalidDataException($"Report {report.Token} names space '{report.Space}', which workspace.json does not define.");
            }

            for (var copy = 1; copy <= Math.Max(1, report.Copies); copy++)
            {
                var state = BuildReport(report, space, copy);
                if (!_reports.TryAdd(state.Token, state))
                {
                    throw new InvalidDataException($"Report token {state.Token} appears twice in workspace.json.");
                }

                ordered.Add(state);
            }
        }

        Reports = ordered;
    }

    public WorkspaceDefinition Definition { get; }
    public string Username { get; }
    public TimeProvider Time { get; }
    public TimeSpan RunDuration { get; }
    public QueryExecutor Executor { get; }
    public DateTimeOffset StartedAt { get; }
    public IReadOnlyList<SpaceDefinition> Spaces { get; }
    public IReadOnlyList<ReportState> Reports { get; }

    public ReportState? FindReport(string token) => _reports.GetValueOrDefault(token);

    public SpaceDefinition? FindSpace(string token) => Spaces.FirstOrDefault(s => s.Token == token);

    /// <summary>Creates a run that finishes after the run clock; throws <see cref="ArgumentException"/> for bad parameters.</summary>
    /// <param name="report">The report to run.</param>
    /// <param name="parameters">The body's parameters.</param>
    /// <param name="switches">The switches as this request saw them: what a successful run ends as, and whether it passes through <c>running_notebook</c>.</param>
    public RunState CreateRun(ReportState report, IReadOnlyDictionary<string, JsonElement>? parameters, EmulatorSwitches switches)
    {
        var values = report.Parameters.Resolve(parameters);
        var now = TruncateToMilliseconds(Time.GetUtcNow());
        var token = Tokens.NewRandom();
        var run = new RunState
        {
            Token = token,
            Id = Interlocked.Increment(ref _nextRunId),
            CreatedAt = now,
            DueAt = now + RunDuration,
            SuccessState = switches.RunsEndCompleted ? RunStates.Completed : RunStates.Succeeded,
            NotebookFrom = switches.RunsPassThroughRunningNotebook ? now + (RunDuration / 2) : null,
            Parameters = values,
            QueryRuns = report.Queries.Select((q, i) => new QueryRunState
            {
                Token = Tokens.NewRandom(),
                Id = Interlocked.Increment(ref _nextRunId),
                Query = q,
                Sql = q.Sql,
            }).ToList(),
        };
        report.AddRun(run);
        return run;
    }

    private ReportState BuildReport(ReportDefinition report, SpaceDefinition space, int copy)
    {
        var token = copy == 1 ? report.Token : Tokens.Derive(report.Token, "copy", copy.ToString(CultureInfo.InvariantCulture));
        var id = copy == 1 ? report.Id : report.Id + copy - 1;
        var name = report.Copies > 1 ? $"{report.Name} #{copy.ToString(CultureInfo.InvariantCulture)}" : report.Name;
        var queries = report.Queries.Select((q, i) => new QueryState(
            q.Token is { Length: > 0 } && copy == 1 ? q.Token : Tokens.Derive(token, "query", q.Name),
            id * 100 + i + 1,
            q.Name,
            QueryText.Parse(q.Sql),
            q.Columns.ToDictionary(c => c.Key, c => ColumnKinds.Parse(c.Value, $"report {token}, query '{q.Name}', column '{c.Key}'"), StringComparer.Ordinal),
            report.CreatedAt,
            q.Generator is null or MixedTypesGenerator.Name ? q.Generator : throw new InvalidDataException($"Report {token}, query '{q.Name}': unknown generator '{q.Generator}' (only {MixedTypesGenerator.Name})."))).ToList();
        if (queries.Count == 0)
        {
            throw new InvalidDataException($"Report {token} has no queries.");
        }

        var parameters = new ReportParameters(report.Parameters, token);
        foreach (var query in queries)
        {
            foreach (var used in query.Sql.ParameterNames)
            {
                if (!parameters.Contains(used))
                {
                    throw new InvalidDataException($"Report {token}, query '{query.Name}' uses {{{{ {used} }}}} but the report defines no such parameter.");
                }
            }
        }

        var state = new ReportState(report, token, id, name, space, queries, parameters, Executor, Time);
        AddHistory(state, report);
        return state;
    }

    private void AddHistory(ReportState report, ReportDefinition definition)
    {
        var index = 0;
        foreach (var entry in definition.History)
        {
            for (var i = 0; i < Math.Max(1, entry.Repeat); i++, index++)
            {
                var created = TruncateToMilliseconds(StartedAt - TimeSpan.FromHours(entry.AgoHours + i * entry.EveryHours));
                var runToken = Tokens.Derive(report.Token, "run", index.ToString(CultureInfo.InvariantCulture));
                var values = report.Parameters.Resolve(entry.Parameters);
                var queryRuns = report.Queries.Select(q => new QueryRunState
                {
                    Token = Tokens.Derive(runToken, "query_run", q.Name),
                    Id = Tokens.DeriveId(runToken, "query_run", q.Name),
                    Query = q,
                    Sql = entry.Sql.TryGetValue(q.Name, out var sql) ? QueryText.Parse(sql) : q.Sql,
                }).ToList();
                if (entry.State is { } named && !(RunStates.IsInProgress(named) || RunStates.IsSuccess(named) || named == RunStates.Cancelled))
                {
                    throw new InvalidDataException(
                        $"Report {report.Token}: history state '{named}' is not one a history entry can set (pending, enqueued, running_notebook, " +
                        "succeeded, completed, cancelled). A failed run comes from SQL that fails: give the entry an 'sql' that does.");
                }

                var pinned = entry.State is { } pin && RunStates.IsInProgress(pin);
                var run = new RunState
                {
                    Token = runToken,
                    Id = Tokens.DeriveId(runToken),
                    CreatedAt = created,
                    DueAt = pinned ? DateTimeOffset.MaxValue : created,
                    Parameters = values,
                    QueryRuns = queryRuns,
                    Purged = entry.Purged,
                    State = pinned ? entry.State! : RunStates.Enqueued,
                };
                if (entry.State == RunStates.Cancelled)
                {
                    // Cancelled before it finished: no query has a result.
                    foreach (var queryRun in queryRuns) queryRun.State = RunStates.Cancelled;
                    run.State = RunStates.Cancelled;
                    run.CompletedAt = created + TimeSpan.FromSeconds(1);
                }
                else if (!pinned)
                {
                    // History ran long ago: decide its outcome by preparing its SQL now.
                    var failed = false;
                    foreach (var queryRun in queryRuns)
                    {
                        var error = Executor.Check(queryRun.Sql, values, executeFirstRow: false);
                        queryRun.State = error is null ? RunStates.Succeeded : RunStates.Failed;
                        queryRun.ErrorMessage = error?.Message;
                        queryRun.ErrorCode = error?.Code;
                        failed |= error is not null;
                    }

                    // A history entry may say how a successful run was labelled (completed); a failing SQL still fails it.
                    run.State = failed ? RunStates.Failed : entry.State == RunStates.Completed ? RunStates.Completed : RunStates.Succeeded;
                    run.CompletedAt = created + TimeSpan.FromMilliseconds(1500 + (Tokens.DeriveId(runToken, "duration") % 6000));
                }

                report.AddRun(run);
            }
        }
    }

    internal static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
