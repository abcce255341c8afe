using System.Globalization;
using System.IO.Compression;
using ModeSharp.Http;

namespace ModeSharp.Api;

/// <summary>
/// Result exports as streams: per query run (one CSV or JSON table, recommended) or per report run (a CSV or a ZIP of CSVs).
/// Streams are returned as soon as the headers arrive, decoded (gzip/deflate) and checked: a body that ends early throws.
/// </summary>
public sealed class ResultsClient
{
    private const string CsvAccept = "text/csv, application/zip;q=0.9, */*;q=0.1";
    private const string JsonAccept = "application/json, */*;q=0.1";

    private readonly ModeTransport _transport;

    internal ResultsClient(ModeTransport transport) => _transport = transport;

    /// <summary>Opens one query run's results as CSV (<c>…/query_runs/{qr}/results/content.csv</c>): always one table with a header row.</summary>
    /// <exception cref="ModeApiException">404 naming the tokens, "run results not found" for purged runs, or another failure.</exception>
    public Task<ModeResultStream> OpenQueryRunCsvAsync(string reportToken, string runToken, string queryRunToken, CancellationToken cancellationToken = default) =>
        OpenQueryRunAsync(reportToken, runToken, queryRunToken, "content.csv", CsvAccept, cancellationToken);

    /// <summary>Opens one query run's results as a JSON array of row objects.</summary>
    public Task<ModeResultStream> OpenQueryRunJsonAsync(string reportToken, string runToken, string queryRunToken, CancellationToken cancellationToken = default) =>
        OpenQueryRunAsync(reportToken, runToken, queryRunToken, "content.json", JsonAccept, cancellationToken);

    /// <summary>Opens <paramref name="queryRun"/>'s results as CSV.</summary>
    public Task<ModeResultStream> OpenCsvAsync(QueryRun queryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryRun);
        return OpenQueryRunCsvAsync(
            QueryRunsClient.Require(queryRun.ReportToken, "report"),
            QueryRunsClient.Require(queryRun.RunToken, "run"),
            QueryRunsClient.Require(queryRun.Token, "query run"),
            cancellationToken);
    }

    /// <summary>
    /// Opens a run's report-level CSV (<c>…/runs/{run}/results/content.csv</c>). Mode answers a CSV for some
    /// reports and a ZIP with one CSV per query for others; both come back as <see cref="ModeRunResults.Entries"/>.
    /// </summary>
    public Task<ModeRunResults> OpenRunCsvAsync(string reportToken, string runToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        return OpenTablesAsync(
            _transport.ApiPath("reports", reportToken, "runs", runToken, "results", "content.csv"),
            ModeRequestContext.ForRun(reportToken, runToken), cancellationToken);
    }

    /// <summary>Opens the report's latest results (<c>/reports/{r}/results/content.csv</c>), CSV or ZIP.</summary>
    public Task<ModeRunResults> OpenReportLatestCsvAsync(string reportToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        return OpenTablesAsync(_transport.ApiPath("reports", reportToken, "results", "content.csv"), ModeRequestContext.ForReport(reportToken), cancellationToken);
    }

    /// <summary>
    /// Opens a run's report-level JSON. Mode puts only the FIRST query's rows in it, without saying so; for
    /// multi-query reports use <see cref="OpenQueryRunJsonAsync"/> per query run.
    /// </summary>
    public Task<ModeResultStream> OpenRunJsonAsync(string reportToken, string runToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        return _transport.OpenStreamAsync(
            _transport.ApiPath("reports", reportToken, "runs", runToken, "results", "content.json"),
            JsonAccept, ModeRequestContext.ForRun(reportToken, runToken), cancellationToken);
    }

    private Task<ModeResultStream> OpenQueryRunAsync(string reportToken, string runToken, string queryRunToken, string file, string accept, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(queryRunToken);
        return _transport.OpenStreamAsync(
            _transport.ApiPath("reports", reportToken, "runs", runToken, "query_runs", queryRunToken, "results", file),
            accept, ModeRequestContext.ForQueryRun(reportToken, runToken, queryRunToken), cancellationToken);
    }

    private async Task<ModeRunResults> OpenTablesAsync(string path, ModeRequestContext context, CancellationToken cancellationToken)
    {
        var stream = await _transport.OpenStreamAsync(path, CsvAccept, context, cancellationToken).ConfigureAwait(false);
        try
        {
            var peeked = await PrefixedStream.PeekAsync(stream, 4, cancellationToken).ConfigureAwait(false);
            var mediaType = stream.MediaType;
            var zipSignature = peeked.Prefix.Length == 4 && peeked.Prefix[0] == (byte)'P' && peeked.Prefix[1] == (byte)'K'
                && ((peeked.Prefix[2] == 3 && peeked.Prefix[3] == 4) || (peeked.Prefix[2] == 5 && peeked.Prefix[3] == 6));
            var zipType = mediaType is "application/zip" or "application/x-zip-compressed";
            if (!zipSignature && !zipType)
            {
                return new ModeRunResults(peeked, stream.FileName ?? "content.csv", mediaType, stream.FileName);
            }

            await using (peeked.ConfigureAwait(false))
            {
                var buffer = await BufferAsync(peeked, stream, cancellationToken).ConfigureAwait(false);
                try
                {
                    return new ModeRunResults(new ZipArchive(buffer, ZipArchiveMode.Read), mediaType, stream.FileName);
                }
                catch (InvalidDataException e)
                {
                    throw new ModeApiException(
                        string.Create(CultureInfo.InvariantCulture, $"GET {stream.Path} for {context.Subject} was declared a ZIP ({mediaType}) but is not a readable ZIP ({buffer.Length} bytes): {e.Message}"),
                        ModeFailureKind.InvalidResponse, "GET", stream.Path, e)
                    { ReportToken = context.ReportToken, RunToken = context.RunToken };
                }
            }
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<MemoryStream> BufferAsync(Stream source, ModeResultStream origin, CancellationToken cancellationToken)
    {
        var limit = _transport.Options.MaxZipBytes;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                throw new ModeApiException(
                    string.Create(CultureInfo.InvariantCulture, $"The ZIP export from GET {origin.Path} is larger than ModeClientOptions.MaxZipBytes ({limit} bytes). Raise the limit or read per-query exports, which stream."),
                    ModeFailureKind.InvalidResponse, "GET", origin.Path)
                { ReportToken = origin.ReportToken, RunToken = origin.RunToken };
            }

            buffer.Write(chunk, 0, n);
        }

        buffer.Position = 0;
        return buffer;
    }
}
