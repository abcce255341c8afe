using System.IO.Compression;
using System.Net;
using ModeSharp.Emulator.Http;
using ModeSharp.Emulator.Results;

namespace ModeSharp.Emulator.Tests;

public class ExportCacheTests
{
    private static Task<ModeEmulator> StartAsync(long cacheBytes = EmulatorOptions.DefaultExportCacheBytes) =>
        ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero, ExportCacheBytes = cacheBytes });

    private static async Task<string> GeneratedExportPathAsync(HttpClient http, int rows)
    {
        var run = await http.RunAsync(SampleWorkspace.GeneratedReport, $"{{\"rows\":{rows}}}");
        return run.Href("content").TrimStart('/');
    }

    private static async Task<(byte[] Body, HttpResponseMessage Response)> GetRawAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static string Gunzip(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        return new StreamReader(gzip).ReadToEnd();
    }

    [Fact]
    public async Task A_repeated_export_is_served_from_the_cache_with_the_same_bytes_and_headers()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator, decompress: false);
        var path = await GeneratedExportPathAsync(http, 5000);

        var (first, firstResponse) = await GetRawAsync(http, path);
        Assert.Equal(0, emulator.ExportCache.Hits);
        Assert.Equal(first.Length, emulator.ExportCache.Size);
        var (second, secondResponse) = await GetRawAsync(http, path);

        Assert.Equal(1, emulator.ExportCache.Hits);
        Assert.Equal(first, second);
        emulator.Switches.GzipExports = false; // the uncached path, formatted afresh
        using (var plain = await http.GetAsync(path))
        {
            Assert.Equal(await plain.Content.ReadAsStringAsync(), Gunzip(second));
        }

        Assert.Equal(["gzip"], secondResponse.Content.Headers.ContentEncoding);
        Assert.Equal(firstResponse.Content.Headers.ContentType, secondResponse.Content.Headers.ContentType);
        Assert.Equal(firstResponse.Content.Headers.ContentDisposition, secondResponse.Content.Headers.ContentDisposition);
        Assert.Equal(firstResponse.Content.Headers.ContentLength, secondResponse.Content.Headers.ContentLength);
        Assert.Equal(firstResponse.Headers.TransferEncodingChunked, secondResponse.Headers.TransferEncodingChunked);
        firstResponse.Dispose();
        secondResponse.Dispose();
    }

    [Fact]
    public async Task The_report_level_latest_export_is_cached_per_run_and_matches_the_query_run_export()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator);
        var latest = $"api/{Api.Ws}/reports/{SampleWorkspace.DiamondsReport}/results/content.csv";

        var first = await http.GetTextAsync(latest);
        var second = await http.GetTextAsync(latest);

        Assert.Equal(1, emulator.ExportCache.Hits);
        Assert.Equal(first, second);
        Assert.Equal(53_941, Api.Lines(second).Length);
    }

    [Fact]
    public async Task Dialect_switches_flipped_after_an_export_was_cached_still_shape_the_next_one()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator);
        var path = await GeneratedExportPathAsync(http, 13);
        var plain = await http.GetTextAsync(path);

        emulator.Switches.Crlf = true;
        emulator.Switches.CsvNull = "NULL";
        var crlf = await http.GetTextAsync(path);

        Assert.DoesNotContain("\r\n", plain, StringComparison.Ordinal);
        Assert.Contains("\r\n", crlf, StringComparison.Ordinal);
        Assert.Contains("NULL", crlf, StringComparison.Ordinal);
        Assert.Equal(0, emulator.ExportCache.Hits);

        emulator.Switches.Crlf = false;
        emulator.Switches.CsvNull = "";
        Assert.Equal(plain, await http.GetTextAsync(path));
        Assert.Equal(1, emulator.ExportCache.Hits);
    }

    [Fact]
    public async Task Fault_switches_still_fault_an_export_that_is_cached()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator, decompress: false);
        var path = await GeneratedExportPathAsync(http, 20_000);
        var (whole, _) = await GetRawAsync(http, path);
        Assert.True(emulator.ExportCache.Size > 0);

        // Cut-off body: announced length, about half sent, connection dropped.
        emulator.Switches.TruncateBodies = true;
        using (var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(whole.Length, response.Content.Headers.ContentLength);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
            Assert.True(error is IOException or HttpRequestException, error.ToString());
        }

        emulator.Switches.TruncateBodies = false;
        emulator.Switches.FailNextRequests(1, 503);
        using (var failed = await http.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        emulator.Switches.GzipExports = false;
        using (var plain = await http.GetAsync(path))
        {
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            Assert.Equal(Gunzip(whole), await plain.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, emulator.ExportCache.Hits);
    }

    [Fact]
    public async Task A_zero_sized_cache_keeps_nothing_and_still_serves_every_export()
    {
        await using var emulator = await StartAsync(cacheBytes: 0);
        using var http = Api.Client(emulator);
        var path = await GeneratedExportPathAsync(http, 100);

        var first = await http.GetTextAsync(path);
        var second = await http.GetTextAsync(path);

        Assert.Equal(first, second);
        Assert.Equal(0, emulator.ExportCache.Size);
        Assert.Equal(0, emulator.ExportCache.Hits);
    }

    [Fact]
    public async Task An_export_larger_than_the_cache_is_served_whole_and_not_kept()
    {
        await using var emulator = await StartAsync(cacheBytes: 4096);
        using var http = Api.Client(emulator);
        var path = await GeneratedExportPathAsync(http, 20_000);

        var first = await http.GetTextAsync(path);
        var second = await http.GetTextAsync(path);

        Assert.True(first.Length > 100_000);
        Assert.Equal(first, second);
        Assert.Equal(0, emulator.ExportCache.Size);
        Assert.Equal(0, emulator.ExportCache.Hits);
    }

    [Fact]
    public void The_least_recently_served_export_is_evicted_first()
    {
        // The eviction order is a property of the data structure alone; no server is needed to show it.
        var cache = new ExportCache(capacity: 250);
        var csv = CsvFormat.From(new EmulatorSwitches());
        ExportKey Key(string run) => ExportKey.For(run, "q", ExportFormat.Csv, csv);
        CachedBody Body(int length) => new([new byte[length]], length);

        cache.Add(Key("a"), Body(100));
        cache.Add(Key("b"), Body(100));
        Assert.True(cache.TryGet(Key("a"), out _)); // a is now the most recent
        cache.Add(Key("c"), Body(100));              // evicts b

        Assert.True(cache.TryGet(Key("a"), out _));
        Assert.False(cache.TryGet(Key("b"), out _));
        Assert.True(cache.TryGet(Key("c"), out _));
        Assert.Equal(200, cache.Size);
    }
}
