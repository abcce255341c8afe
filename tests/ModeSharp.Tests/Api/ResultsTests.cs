using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Api;

public class ResultsTests
{
    private static async Task<(ModeClient Client, ReportRun Run, IReadOnlyList<QueryRun> QueryRuns)> LatestAsync(ModeClient client, string report)
    {
        var run = await client.Runs.GetLatestSuccessfulAsync(report);
        return (client, run, await client.QueryRuns.ListAsync(run));
    }

    [Fact]
    public async Task A_query_run_csv_streams_decoded_with_its_header_first()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, _, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.LegoReport);

        await using var csv = await client.Results.OpenCsvAsync(queryRuns[0]);
        var text = await Emulated.ReadAllAsync(csv);

        Assert.Equal("text/csv", csv.MediaType);
        Assert.StartsWith("year,", text, StringComparison.Ordinal);
        Assert.True(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 50);
        Assert.Equal(queryRuns[0].Token, csv.QueryRunToken);
    }

    [Fact]
    public async Task Gzip_on_or_off_gives_the_same_bytes()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, _, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.DiamondsReport);

        string gzipped, plain;
        await using (var csv = await client.Results.OpenCsvAsync(queryRuns[0]))
        {
            gzipped = await Emulated.ReadAllAsync(csv);
        }

        emulator.Switches.GzipExports = false;
        await using (var csv = await client.Results.OpenCsvAsync(queryRuns[0]))
        {
            plain = await Emulated.ReadAllAsync(csv);
        }

        Assert.Equal(plain, gzipped);
        Assert.True(plain.Length > 100_000, "diamonds should be a sizeable export");
    }

    [Fact]
    public async Task A_query_run_json_export_is_an_array_of_rows()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, run, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.LegoReport);

        await using var json = await client.Results.OpenQueryRunJsonAsync(SampleWorkspace.LegoReport, run.Token!, queryRuns[0].Token!);
        using var document = await JsonDocument.ParseAsync(json);

        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.True(document.RootElement[0].TryGetProperty("year", out _));
    }

    [Fact]
    public async Task A_multi_query_run_level_csv_is_a_zip_with_one_entry_per_query()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, run, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.PenguinsReport);

        await using var results = await client.Results.OpenRunCsvAsync(SampleWorkspace.PenguinsReport, run.Token!);

        Assert.True(results.IsZip);
        Assert.Equal(queryRuns.Count, results.Entries.Count);
        foreach (var entry in results.Entries)
        {
            Assert.EndsWith(".csv", entry.Name, StringComparison.Ordinal);
            await using var table = entry.Open();
            var text = await Emulated.ReadAllAsync(table);
            Assert.Contains(',', text);
        }
    }

    [Fact]
    public async Task The_reports_latest_results_are_its_latest_successful_runs_results()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, run, _) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.FailedNewestReport);

        string latest, byRun;
        await using (var results = await client.Results.OpenReportLatestCsvAsync(SampleWorkspace.FailedNewestReport))
        {
            await using var table = results.Entries[0].Open();
            latest = await Emulated.ReadAllAsync(table);
        }

        await using (var results = await client.Results.OpenRunCsvAsync(SampleWorkspace.FailedNewestReport, run.Token!))
        {
            await using var table = results.Entries[0].Open();
            byRun = await Emulated.ReadAllAsync(table);
        }

        Assert.Equal(byRun, latest);
        Assert.Contains(',', latest);
    }

    [Fact]
    public async Task A_zip_missing_a_query_shows_fewer_entries_than_query_runs()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.ZipDropsQuery = true;
        var (client, run, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.PenguinsReport);

        await using var results = await client.Results.OpenRunCsvAsync(SampleWorkspace.PenguinsReport, run.Token!);

        Assert.True(results.IsZip);
        Assert.Equal(queryRuns.Count - 1, results.Entries.Count);
    }

    [Fact]
    public async Task A_single_query_run_level_csv_is_one_streamed_entry_that_opens_once()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, run, _) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.LegoReport);

        await using var results = await client.Results.OpenRunCsvAsync(SampleWorkspace.LegoReport, run.Token!);
        var entry = Assert.Single(results.Entries);
        await using var table = entry.Open();
        var text = await Emulated.ReadAllAsync(table);

        Assert.False(results.IsZip);
        Assert.StartsWith("year,", text, StringComparison.Ordinal);
        Assert.EndsWith(".csv", entry.Name, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => entry.Open());
    }

    [Fact]
    public async Task A_cut_off_export_throws_instead_of_returning_fewer_rows()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, _, queryRuns) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.DiamondsReport);
        emulator.Switches.TruncateBodies = true;

        foreach (var gzip in new[] { true, false })
        {
            emulator.Switches.GzipExports = gzip;
            var error = await Assert.ThrowsAsync<ModeApiException>(async () =>
            {
                await using var csv = await client.Results.OpenCsvAsync(queryRuns[0]);
                await Emulated.ReadAllAsync(csv);
            });

            Assert.Contains(error.Kind, new[] { ModeFailureKind.IncompleteBody, ModeFailureKind.Network }); // see the ZIP test below
            Assert.Equal(queryRuns[0].Token, error.QueryRunToken);
            Assert.Contains("content.csv", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cut_off_zip_throws_before_any_entry_is_offered()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var (client, run, _) = await LatestAsync(Emulated.Client(emulator), SampleWorkspace.PenguinsReport);
        emulator.Switches.TruncateBodies = true;

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Results.OpenRunCsvAsync(SampleWorkspace.PenguinsReport, run.Token!));

        // The emulator cuts the body by resetting the connection; when the reset overtakes the headers the client
        // sees a broken connection (retried, then Network) rather than a short body. Either way: an error, no rows.
        Assert.Contains(error.Kind, new[] { ModeFailureKind.IncompleteBody, ModeFailureKind.Network });
        Assert.Equal(run.Token, error.RunToken);
    }

    [Fact]
    public async Task An_export_redirected_to_storage_on_the_same_host_is_followed()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RedirectExports = true;
        var logs = new CapturingLoggerFactory();
        var (client, _, queryRuns) = await LatestAsync(Emulated.Client(emulator, o => o.LoggerFactory = logs), SampleWorkspace.LegoReport);

        await using var csv = await client.Results.OpenCsvAsync(queryRuns[0]);
        var text = await Emulated.ReadAllAsync(csv);

        Assert.StartsWith("year,", text, StringComparison.Ordinal);
        Assert.Contains("redirected to", logs.AllText, StringComparison.Ordinal);
        // The storage URL's signature is masked in the log.
        Assert.Contains("signature=***", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_another_host_after_a_redirect()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RedirectExports = true;
        // The emulator redirects to the host the request named. Naming "localhost" while connecting to
        // 127.0.0.1 makes the redirect target a different host from the client's base address.
        var recorder = new RecordingHandler(ModeClient.CreateHttpHandler());
        using var http = new HttpClient(recorder);
        http.DefaultRequestHeaders.Host = $"localhost:{emulator.BaseAddress.Port}";
        var client = new ModeClient(http, Emulated.Options(emulator));
        var run = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.LegoReport);
        var queryRuns = await client.QueryRuns.ListAsync(run);

        await using var csv = await client.Results.OpenCsvAsync(queryRuns[0]);
        var text = await Emulated.ReadAllAsync(csv);

        Assert.StartsWith("year,", text, StringComparison.Ordinal);
        var storage = Assert.Single(recorder.Sent, s => s.Uri.AbsolutePath.StartsWith("/_storage/", StringComparison.Ordinal));
        Assert.Equal("localhost", storage.Uri.Host);
        Assert.False(storage.HadAuthorization);
        Assert.All(recorder.Sent.Where(s => s.Uri.Host == "127.0.0.1"), s => Assert.True(s.HadAuthorization));
    }

    [Fact]
    public async Task A_supplied_client_that_follows_redirects_itself_still_gets_the_export()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RedirectExports = true;
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All });
        var client = new ModeClient(http, Emulated.Options(emulator));
        var run = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.LegoReport);

        await using var results = await client.Results.OpenRunCsvAsync(SampleWorkspace.LegoReport, run.Token!);
        await using var table = results.Entries[0].Open();

        Assert.StartsWith("year,", await Emulated.ReadAllAsync(table), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_body_without_its_content_encoding_header_is_still_decoded()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        // A server that gzips without saying so cannot be configured on the emulator, so this handler drops the
        // Content-Encoding header from the emulator's real gzip response: the one fault made up here.
        using var http = new HttpClient(new DropContentEncoding(ModeClient.CreateHttpHandler()));
        var client = new ModeClient(http, Emulated.Options(emulator));
        var run = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.LegoReport);
        var queryRuns = await client.QueryRuns.ListAsync(run);

        await using var csv = await client.Results.OpenCsvAsync(queryRuns[0]);

        Assert.StartsWith("year,", await Emulated.ReadAllAsync(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_of_a_run_in_progress_are_a_404_that_says_so()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var newest = (await client.Runs.ListAsync(SampleWorkspace.InProgressReport).AsPages().FirstAsync()).Items[0];

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Results.OpenRunCsvAsync(SampleWorkspace.InProgressReport, newest.Token!));

        Assert.True(error.IsNotFound);
        Assert.Equal("run results not found", error.ErrorMessage);
        Assert.Equal(newest.Token, error.RunToken);
    }

    private sealed class DropContentEncoding(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var wasGzip = response.Content.Headers.ContentEncoding.Contains("gzip");
            response.Content.Headers.ContentEncoding.Clear();
            Assert.True(wasGzip || !request.RequestUri!.AbsolutePath.EndsWith(".csv", StringComparison.Ordinal), "the emulator should have gzipped the export");
            return response;
        }
    }
}
