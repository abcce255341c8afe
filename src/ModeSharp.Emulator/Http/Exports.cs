using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ModeSharp.Emulator.Results;
using ModeSharp.Emulator.State;
using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.Http;

internal enum ExportFormat
{
    Csv,
    Json,
}

/// <summary>What an export URL points at. <see cref="QueryRunToken"/> null means the report-level export.</summary>
internal sealed record ExportRequest(string Ws, string ReportToken, string? RunToken, string? QueryRunToken, ExportFormat Format);

/// <summary>
/// Serves result exports: CSV, JSON and the report-level ZIP, streamed from SQLite to the socket through gzip
/// (on by default, whatever the request's Accept-Encoding, as Mode does), with the export switches applied.
/// A gzip single-table export, once served whole, is kept in the <see cref="ExportCache"/> and served from there.
/// </summary>
internal static class Exports
{
    public static async Task ServeAsync(HttpContext context, EmulatorContext emulator, ExportRequest request, bool viaStorage)
    {
        if (!string.Equals(request.Ws, emulator.Ws, StringComparison.Ordinal))
        {
            await ApiResponses.NotFoundAsync(context, "account not found").ConfigureAwait(false);
            return;
        }

        var report = emulator.Workspace.FindReport(request.ReportToken);
        if (report is null)
        {
            await ApiResponses.NotFoundAsync(context, "report not found").ConfigureAwait(false);
            return;
        }

        var snap = report.Snapshot();
        var run = request.RunToken is null ? snap.LatestSuccessful : snap.Find(request.RunToken);
        if (run is null)
        {
            await ApiResponses.NotFoundAsync(context, request.RunToken is null ? "run results not found" : "report run not found").ConfigureAwait(false);
            return;
        }

        QueryRunState[] parts;
        if (request.QueryRunToken is not null)
        {
            var queryRun = run.QueryRuns.FirstOrDefault(q => q.Token == request.QueryRunToken);
            if (queryRun is null)
            {
                await ApiResponses.NotFoundAsync(context, "query run not found").ConfigureAwait(false);
                return;
            }

            parts = [queryRun];
        }
        else
        {
            parts = request.Format == ExportFormat.Json ? [run.QueryRuns[0]] : [.. run.QueryRuns];
        }

        // Results exist only for finished, successful, unpurged query runs.
        if (!run.IsFinished || run.Purged || parts.Any(p => p.State != RunStates.Succeeded))
        {
            await ApiResponses.NotFoundAsync(context, "run results not found").ConfigureAwait(false);
            return;
        }

        var switches = emulator.Switches;
        if (switches.RedirectExports && !viaStorage)
        {
            var expires = emulator.Workspace.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
            var path = StoragePath(request);
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"{origin}{path}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={emulator.Sign(path, expires)}";
            return;
        }

        var zip = request.Format == ExportFormat.Csv && request.QueryRunToken is null && parts.Length > 1;
        if (zip && switches.ZipDropsQuery)
        {
            parts = parts[..^1];
        }

        var format = CsvFormat.From(switches);
        var gzip = switches.GzipExports;
        var truncate = switches.TruncateBodies;
        var extension = zip ? "zip" : request.Format == ExportFormat.Csv ? "csv" : "json";

        // A finished run's single-table export is the same bytes every time: after the first download, serve the
        // stored compressed body (as Mode serves stored results) instead of formatting and compressing it again.
        // Fault switches keep their own paths: a truncated body is never cached or served from the cache.
        var cacheKey = gzip && !zip && !truncate ? ExportKey.For(run.Token, parts[0].Token, request.Format, format) : (ExportKey?)null;
        CachedBody? cached = null;
        if (cacheKey is { } lookup && emulator.ExportCache.TryGet(lookup, out var hit))
        {
            cached = hit;
        }

        // Execute before answering, so a failing statement gets a clean error response rather than a cut body.
        IResultRows? single = null;
        if (!zip && cached is null)
        {
            try
            {
                single = emulator.Workspace.Executor.OpenRows(parts[0].Query, parts[0].Sql, run.Parameters);
            }
            catch (QueryFailedException ex)
            {
                await ApiResponses.ErrorAsync(context, 500, "internal_server_error", $"query '{parts[0].Query.Name}' failed: {ex.Message}").ConfigureAwait(false);
                return;
            }
        }

        using var _ = single;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = extension switch
        {
            "zip" => "application/zip",
            "csv" => "text/csv; charset=utf-8",
            _ => "application/json; charset=utf-8",
        };
        var stamp = (run.CompletedAt ?? run.CreatedAt).UtcDateTime.ToString("yyyy'-'MM'-'dd'-'HH'-'mm'-'ss", CultureInfo.InvariantCulture);
        response.Headers.ContentDisposition = $"attachment; filename=\"{Slug(report.Name)}-{stamp}.{extension}\"";
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        var aborted = context.RequestAborted;
        if (cached is not null)
        {
            await cached.WriteToAsync(response.Body, aborted).ConfigureAwait(false);
            return;
        }

        Func<Stream, CancellationToken, Task> body = zip
            ? (s, ct) => WriteZipAsync(emulator, run, parts, format, s, ct)
            : request.Format == ExportFormat.Csv
                ? (s, ct) => CsvResultWriter.WriteAsync(single!, format, s, ct)
                : (s, ct) => JsonResultWriter.WriteAsync(single!, s, ct);

        if (truncate)
        {
            await WriteTruncatedAsync(context, body, gzip).ConfigureAwait(false);
            return;
        }

        if (zip)
        {
            // ZipArchive writes its central directory synchronously on dispose.
            context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        }

        if (gzip)
        {
            var recorder = cacheKey is null ? null : emulator.ExportCache.StartRecording(response.Body);
            await using (var compressed = new GZipStream(recorder ?? response.Body, CompressionLevel.Fastest, leaveOpen: true))
            {
                await body(compressed, aborted).ConfigureAwait(false);
            }

            // Only a body written to its end (the gzip trailer included) is kept.
            if (recorder?.Result is { } recorded && cacheKey is { } key && !aborted.IsCancellationRequested)
            {
                emulator.ExportCache.Add(key, recorded);
            }
        }
        else
        {
            await body(response.Body, aborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The cut-off body switch: announce the full length, send about half, then drop the connection, so the
    /// client sees a premature end of the response (a fault a well-behaved server cannot otherwise produce).
    /// </summary>
    private static async Task WriteTruncatedAsync(HttpContext context, Func<Stream, CancellationToken, Task> body, bool gzip)
    {
        using var buffer = new MemoryStream();
        if (gzip)
        {
            await using var compressed = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
            await body(compressed, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            await body(buffer, context.RequestAborted).ConfigureAwait(false);
        }

        var length = buffer.Length;
        var sent = (int)Math.Max(1, Math.Min(length - 1, length / 2));
        context.Response.ContentLength = Math.Max(length, 2);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, sent), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        context.Abort();
    }

    private static async Task WriteZipAsync(EmulatorContext emulator, RunState run, QueryRunState[] parts, CsvFormat format, Stream destination, CancellationToken cancellationToken)
    {
        await using var archive = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            var name = MemberName(part.Query.Name);
            for (var n = 2; !used.Add(name); n++)
            {
                name = MemberName($"{part.Query.Name} ({n.ToString(CultureInfo.InvariantCulture)})");
            }

            using var result = emulator.Workspace.Executor.OpenRows(part.Query, part.Sql, run.Parameters);
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            await using var entryStream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await CsvResultWriter.WriteAsync(result, format, entryStream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string MemberName(string queryName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(queryName.Select(c => invalid.Contains(c) || c == '/' || c == '\\' ? '_' : c).ToArray());
        return safe + ".csv";
    }

    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-') is { Length: > 0 } slug ? slug : "report";
    }

    /// <summary>The unauthenticated storage path for an export: /_storage/{ws}/{report}/{run|latest}/{queryRun|-}/content.{ext}.</summary>
    internal static string StoragePath(ExportRequest r) =>
        $"/_storage/{r.Ws}/{r.ReportToken}/{r.RunToken ?? "latest"}/{r.QueryRunToken ?? "-"}/content.{(r.Format == ExportFormat.Csv ? "csv" : "json")}";
}
