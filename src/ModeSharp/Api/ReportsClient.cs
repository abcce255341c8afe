using ModeSharp.Api.Json;
using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>Reports: <c>/api/{ws}/reports/{report}</c> and the reports of a space.</summary>
public sealed class ReportsClient
{
    private readonly ModeTransport _transport;

    internal ReportsClient(ModeTransport transport) => _transport = transport;

    /// <summary>One report by token (the part after <c>/reports/</c> in its Mode URL).</summary>
    /// <exception cref="ModeApiException">404 naming the report token when it does not exist, or another failure.</exception>
    public Task<Report> GetAsync(string reportToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return _transport.GetJsonAsync(_transport.ApiPath("reports", reportToken), ModeJsonContext.Default.Report, ModeRequestContext.ForReport(reportToken), cancellationToken);
    }

    /// <summary>Every report in a space, across all pages (Mode pages them 30 at a time), archived ones included.</summary>
    public ModePageable<Report> ListForSpaceAsync(string spaceToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spaceToken);
        var path = _transport.ApiPath("spaces", spaceToken, "reports");
        var context = ModeRequestContext.ForSpace(spaceToken);
        return new ModePageable<Report>(
            token => HalPager.PagesAsync(_transport, path, "reports", ModeJsonContext.Default.ListReport, r => r.Token, null, context, true, token),
            cancellationToken);
    }

    /// <summary>The queries of a report.</summary>
    /// <exception cref="ModeApiException">404 when the report does not exist (Mode also answers 404 here for some reports that do).</exception>
    public async Task<IReadOnlyList<Query>> GetQueriesAsync(string reportToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        var path = _transport.ApiPath("reports", reportToken, "queries");
        var pageable = new ModePageable<Query>(
            token => HalPager.PagesAsync(_transport, path, "queries", ModeJsonContext.Default.ListQuery, q => q.Token, null, ModeRequestContext.ForReport(reportToken), false, token),
            cancellationToken);
        return await pageable.ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
