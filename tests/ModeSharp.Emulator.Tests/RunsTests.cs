using System.Net;

namespace ModeSharp.Emulator.Tests;

public class RunsTests
{
    private static EmulatorOptions Instant => new() { RunDuration = TimeSpan.Zero };

    [Fact]
    public async Task Seed_call_sequence_gets_the_LEGO_table()
    {
        // The R blog post: list runs, take [0], check succeeded, fetch …/runs/{run}/results/content.csv.
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var runs = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs");
        var newest = runs.Embedded("report_runs")[0];
        Assert.Equal("succeeded", newest.Str("state"));
        var csv = await http.GetTextAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs/{newest.Str("token")}/results/content.csv");
        var lines = Api.Lines(csv);
        Assert.Equal("year,sets,parts,themes,mean_parts,largest_set", lines[0]);
        Assert.True(lines.Length > 60, $"{lines.Length} lines");
        Assert.StartsWith("1950,", lines.First(l => l.StartsWith("1950,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var years = lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(years.Order(), years);
    }

    [Fact]
    public async Task Created_run_is_enqueued_then_succeeds_and_becomes_the_latest()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var created = await http.PostRunAsync(SampleWorkspace.LegoReport);
        Assert.Equal("enqueued", created.Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("completed_at").ValueKind);
        var token = created.Str("token");
        Assert.Matches("^[0-9a-f]{12}$", token);
        var run = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs/{token}");
        Assert.Equal("succeeded", run.Str("state"));
        Assert.True(run.GetProperty("is_latest_report_run").GetBoolean());
        Assert.True(run.GetProperty("is_latest_successful_report_run").GetBoolean());
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}");
        Assert.Equal(token, report.Str("last_successful_run_token"));
        var runs = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs")).Embedded("report_runs");
        Assert.Equal(token, runs[0].Str("token"));
        Assert.False(runs[1].GetProperty("is_latest_successful_report_run").GetBoolean());
        Assert.Equal(37, (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs")).GetProperty("pagination").GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task A_run_stays_enqueued_until_its_clock_runs_out_and_has_no_results_yet()
    {
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.FromHours(1) });
        using var http = Api.Client(emulator);
        var created = await http.PostRunAsync(SampleWorkspace.LegoReport);
        var run = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs/{created.Str("token")}");
        Assert.Equal("enqueued", run.Str("state"));
        var queryRuns = (await http.GetJsonAsync(run.Href("query_runs").TrimStart('/'))).Embedded("query_runs");
        Assert.Equal("enqueued", queryRuns[0].Str("state"));
        var error = await http.GetJsonAsync(run.Href("content").TrimStart('/'), HttpStatusCode.NotFound);
        Assert.Equal("run results not found", error.Str("message"));
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}");
        Assert.NotEqual(created.Str("token"), report.Str("last_successful_run_token"));
    }

    [Fact]
    public async Task Newest_run_failed_with_the_error_on_its_query_run_while_an_older_one_succeeded()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var runs = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.FailedNewestReport}/runs")).Embedded("report_runs");
        Assert.Equal("failed", runs[0].Str("state"));
        Assert.True(runs[0].GetProperty("report_has_failures_since_last_success").GetBoolean());
        Assert.Equal("succeeded", runs[1].Str("state"));
        Assert.True(runs[1].GetProperty("is_latest_successful_report_run").GetBoolean());
        var queryRun = (await http.GetJsonAsync(runs[0].Href("query_runs").TrimStart('/'))).Embedded("query_runs")[0];
        Assert.Equal("failed", queryRun.Str("state"));
        Assert.Equal("no such column: unemployment_rate", queryRun.Str("error_message"));
        Assert.Equal("SqlUnknownColumn", queryRun.Str("error_code"));
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.FailedNewestReport}");
        Assert.Equal(runs[1].Str("token"), report.Str("last_successful_run_token"));
        await http.GetJsonAsync(runs[0].Href("content").TrimStart('/'), HttpStatusCode.NotFound);
        Assert.StartsWith("date,pce,pop,", await http.GetTextAsync(runs[1].Href("content").TrimStart('/')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Newest_run_of_the_in_progress_report_never_finishes()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var runs = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.InProgressReport}/runs")).Embedded("report_runs");
        Assert.Equal("enqueued", runs[0].Str("state"));
        Assert.True(runs[0].GetProperty("is_latest_report_run").GetBoolean());
        Assert.Equal("succeeded", runs[1].Str("state"));
        var again = await http.GetJsonAsync(runs[0].Href("self").TrimStart('/'));
        Assert.Equal("enqueued", again.Str("state"));
    }

    [Fact]
    public async Task Every_sample_report_has_run_history()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        foreach (var report in new[] { SampleWorkspace.LegoReport, SampleWorkspace.PenguinsReport, SampleWorkspace.StormsReport, SampleWorkspace.DiamondsReport, SampleWorkspace.GeneratedReport, SampleWorkspace.FailedNewestReport, SampleWorkspace.InProgressReport, SampleWorkspace.PrivateReport })
        {
            var page = await http.GetJsonAsync($"api/{Api.Ws}/reports/{report}/runs");
            Assert.True(page.GetProperty("pagination").GetProperty("total_count").GetInt32() >= 1, report);
        }
    }

    [Fact]
    public async Task Malformed_run_body_gets_400()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var error = await http.PostRunAsync(SampleWorkspace.LegoReport, "{not json", HttpStatusCode.BadRequest);
        Assert.Equal("bad_request", error.Str("id"));
        await http.PostRunAsync(SampleWorkspace.LegoReport, "", HttpStatusCode.Accepted);
    }
}
