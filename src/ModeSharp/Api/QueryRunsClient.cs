using ModeSharp.Api.Json;
using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>The query runs of a report run: <c>…/runs/{run}/query_runs</c>. One per query; results are exported per query run.</summary>
public sealed class QueryRunsClient
{
    private readonly ModeTransport _transport;

    internal QueryRunsClient(ModeTransport transport) => _transport = transport;

    /// <summary>The query runs of a run, in Mode's order.</summary>
    public async Task<IReadOnlyList<QueryRun>> ListAsync(string reportToken, string runToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        var path = _transport.ApiPath("reports", reportToken, "runs", runToken, "query_runs");
        var pageable = new ModePageable<QueryRun>(
            token => HalPager.PagesAsync(
                _transport, path, "query_runs", ModeJsonContext.Default.ListQueryRun, q => q.Token,
                q => { q.ReportToken = reportToken; q.RunToken = runToken; },
                ModeRequestContext.ForRun(reportToken, runToken), false, token),
            cancellationToken);
        return await pageable.ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The query runs of <paramref name="run"/>.</summary>
    public Task<IReadOnlyList<QueryRun>> ListAsync(ReportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ListAsync(Require(run.ReportToken, "report"), Require(run.Token, "run"), cancellationToken);
    }

    /// <summary>One query run.</summary>
    public async Task<QueryRun> GetAsync(string reportToken, string runToken, string queryRunToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(queryRunToken);
        var queryRun = await _transport.GetJsonAsync(
            _transport.ApiPath("reports", reportToken, "runs", runToken, "query_runs", queryRunToken),
            ModeJsonContext.Default.QueryRun, ModeRequestContext.ForQueryRun(reportToken, runToken, queryRunToken), cancellationToken).ConfigureAwait(false);
        queryRun.ReportToken = reportToken;
        queryRun.RunToken = runToken;
        return queryRun;
    }

    internal static string Require(string? token, string what) =>
        string.IsNullOrWhiteSpace(token) ? throw new ArgumentException($"The {what} token is not known; get the object from ModeSharp so its tokens are set.") : token;
}
