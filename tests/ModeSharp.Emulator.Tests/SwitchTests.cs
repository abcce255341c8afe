using System.Net;
using System.Text;
using System.Text.Json;

namespace ModeSharp.Emulator.Tests;

public class SwitchTests
{
    private static async Task<string> GeneratedCsvAsync(ModeEmulator emulator, int rows = 13)
    {
        using var http = Api.Client(emulator);
        var run = await http.RunAsync(SampleWorkspace.GeneratedReport, $"{{\"rows\":{rows}}}");
        return await http.GetTextAsync(run.Href("content").TrimStart('/'));
    }

    private static Task<ModeEmulator> StartAsync() => ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero });

    [Fact]
    public async Task Rate_limit_answers_429_with_Retry_After_and_the_limit_header()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.RateLimit = true;
        emulator.Switches.RateLimitRequests = 3;
        emulator.Switches.RateLimitWindow = TimeSpan.FromHours(1);
        using var http = Api.Client(emulator);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await http.GetAsync($"api/{Api.Ws}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        using var limited = await http.GetAsync($"api/{Api.Ws}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("3", limited.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Injected_failures_hit_the_next_requests_only()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.FailNextRequests(2, 503);
        using var http = Api.Client(emulator);
        var first = await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("service_unavailable", first.Str("id"));
        await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.ServiceUnavailable);
        await http.GetJsonAsync($"api/{Api.Ws}");
        emulator.Switches.FailNextRequests(1, 500);
        await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Response_delay_holds_the_response_back()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.ResponseDelay = TimeSpan.FromHours(1);
        using var http = Api.Client(emulator);
        http.Timeout = TimeSpan.FromMilliseconds(300); // far below the delay, so not a timing race
        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync($"api/{Api.Ws}"));
    }

    [Fact]
    public async Task Truncated_body_ends_before_its_content_length()
    {
        // A cut-off download: the server announces more bytes than it sends, then drops the connection.
        await using var emulator = await StartAsync();
        emulator.Switches.TruncateBodies = true;
        using var http = Api.Client(emulator, decompress: false);
        using var response = await http.GetAsync($"api/{Api.Ws}/reports/{SampleWorkspace.DiamondsReport}/results/content.csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.Content.Headers.ContentLength > 1000);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
        Assert.True(error is IOException or HttpRequestException, error.ToString());
    }

    [Fact]
    public async Task Csv_null_timestamp_and_boolean_formats_follow_the_switches()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.CsvNull = "NULL";
        emulator.Switches.CsvTimestampFormat = CsvTimestampFormat.Sql;
        emulator.Switches.CsvBooleans = CsvBooleanFormat.TF;
        var csv = await GeneratedCsvAsync(emulator);
        Assert.Contains("\n1,-42081,2.4366666666666665,\"has, a comma\",2000-01-02,2000-01-01 00:00:37,f,1\n", csv, StringComparison.Ordinal);
        Assert.Contains("\n5,-10405,12.183333333333332,NULL,", csv, StringComparison.Ordinal);
        Assert.EndsWith(",NULL,13\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bom_and_crlf_switches_shape_the_csv()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.Bom = true;
        emulator.Switches.Crlf = true;
        emulator.Switches.GzipExports = false;
        using var http = Api.Client(emulator);
        var run = await http.RunAsync(SampleWorkspace.GeneratedReport, "{\"rows\":3}");
        var bytes = await http.GetByteArrayAsync(run.Href("content").TrimStart('/'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("id,amount,ratio,label,day,observed_at,flag,bucket\r\n1,", text, StringComparison.Ordinal);
        Assert.Contains("\"line one\nline two\"", text, StringComparison.Ordinal); // data keeps its own LF
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_can_be_strings()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.IdsAsStrings = true;
        using var http = Api.Client(emulator);
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}");
        Assert.Equal("2934237", report.Str("id"));
        Assert.Equal(System.Text.Json.JsonValueKind.String, report.GetProperty("account_id").ValueKind);
    }

    [Fact]
    public async Task Next_page_link_can_point_past_the_end_at_an_empty_page()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.NextPageLinkPastEnd = true;
        using var http = Api.Client(emulator);
        var last = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?page=2");
        Assert.Equal(2, last.GetProperty("pagination").GetProperty("total_pages").GetInt32());
        var past = await http.GetJsonAsync(last.Href("next_page").TrimStart('/'));
        Assert.Empty(past.Embedded("report_runs"));
        Assert.Equal(3, past.GetProperty("pagination").GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Exports_can_redirect_to_signed_storage_that_needs_no_credentials()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.RedirectExports = true;
        using var http = Api.Client(emulator, followRedirects: false);
        using var redirect = await http.GetAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/results/content.csv");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith("/_storage/", location.AbsolutePath, StringComparison.Ordinal);
        using var anonymous = Api.Client(emulator, authenticated: false);
        Assert.StartsWith("year,", await anonymous.GetTextAsync(location.ToString()), StringComparison.Ordinal);
        using var tampered = await anonymous.GetAsync(location.ToString().Replace("signature=", "signature=0", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        using var following = Api.Client(emulator);
        Assert.StartsWith("year,", await following.GetTextAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/results/content.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_filter_can_answer_500()
    {
        await using var emulator = await StartAsync();
        emulator.Switches.RunFilterAnswers500 = true;
        using var http = Api.Client(emulator);
        await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?filter=created_at.gt.2020-01-01T00:00:00Z", HttpStatusCode.InternalServerError);
        await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs");
    }

    [Fact]
    public async Task Reports_can_omit_the_last_successful_run_pointer()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator);
        var path = $"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}";
        var before = await http.GetJsonAsync(path);
        Assert.Equal(JsonValueKind.String, before.GetProperty("last_successful_run_token").ValueKind);

        emulator.Switches.ReportOmitsLastSuccessfulRun = true;
        var after = await http.GetJsonAsync(path);
        Assert.False(after.TryGetProperty("last_successful_run_token", out _));
        Assert.False(after.GetProperty("_links").TryGetProperty("last_successful_run", out _));
    }

    [Fact]
    public async Task Admin_endpoint_flips_switches_and_rejects_bad_values()
    {
        await using var emulator = await StartAsync();
        using var http = Api.Client(emulator);
        using var body = new StringContent("{\"gzip_exports\":false,\"csv_booleans\":\"tf\",\"fail_next_requests\":1,\"fail_status\":502}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_emulator/switches", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(emulator.Switches.GzipExports);
        Assert.Equal(CsvBooleanFormat.TF, emulator.Switches.CsvBooleans);
        Assert.Equal(1, emulator.Switches.FailingRequestsRemaining);
        await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.BadGateway);
        using var bad = new StringContent("{\"csv_timestamp_format\":\"unix\"}", Encoding.UTF8, "application/json");
        using var rejected = await http.PostAsync("_emulator/switches", bad);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(CsvTimestampFormat.Iso, emulator.Switches.CsvTimestampFormat);

        // A misspelt switch is an error, not a silent no-op.
        using var typo = new StringContent("{\"gzip_export\":true}", Encoding.UTF8, "application/json");
        using var typoResponse = await http.PostAsync("_emulator/switches", typo);
        Assert.Equal(HttpStatusCode.BadRequest, typoResponse.StatusCode);
        Assert.Contains("gzip_export", await typoResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(emulator.Switches.GzipExports);
    }

    [Fact]
    public async Task Each_emulator_has_its_own_switches()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        a.Switches.FailNextRequests(5);
        using var http = Api.Client(b);
        await http.GetJsonAsync($"api/{Api.Ws}");
        Assert.Equal(5, a.Switches.FailingRequestsRemaining);
    }
}
