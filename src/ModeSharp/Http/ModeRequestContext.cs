namespace ModeSharp.Http;

/// <summary>What a request is about, so an error can say which token was not found.</summary>
internal sealed record ModeRequestContext(string Subject)
{
    public string? ReportToken { get; init; }

    public string? RunToken { get; init; }

    public string? QueryRunToken { get; init; }

    public static ModeRequestContext ForWorkspace(string workspace) => new($"Workspace '{workspace}'");

    public static ModeRequestContext ForSpace(string space) => new($"Space '{space}'");

    public static ModeRequestContext ForReport(string report) => new($"Report '{report}'") { ReportToken = report };

    public static ModeRequestContext ForRun(string report, string run) =>
        new($"Run '{run}' of report '{report}'") { ReportToken = report, RunToken = run };

    public static ModeRequestContext ForQueryRun(string report, string run, string queryRun) =>
        new($"Query run '{queryRun}' of run '{run}' of report '{report}'") { ReportToken = report, RunToken = run, QueryRunToken = queryRun };
}
