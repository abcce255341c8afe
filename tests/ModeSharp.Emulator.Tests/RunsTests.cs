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

    [Fact]
    public async Task A_completed_newest_run_is_the_latest_successful_and_exports_its_results()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var runs = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.CompletedNewestReport}/runs")).Embedded("report_runs");
        Assert.Equal("completed", runs[0].Str("state"));
        Assert.Equal("succeeded", runs[1].Str("state"));
        Assert.True(runs[0].GetProperty("is_latest_successful_report_run").GetBoolean());
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.CompletedNewestReport}");
        Assert.Equal(runs[0].Str("token"), report.Str("last_successful_run_token"));
        var csv = await http.GetTextAsync(runs[0].Href("content").TrimStart('/'));
        Assert.Equal("island,species,penguins", Api.Lines(csv)[0]);
    }

    [Fact]
    public async Task A_cancelled_newest_run_and_a_notebook_still_running_are_passed_over_for_the_latest_successful()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var runs = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.CancelledNewestReport}/runs")).Embedded("report_runs");
        Assert.Equal(["cancelled", "running_notebook", "completed", "completed"], runs.Select(r => r.Str("state")));
        Assert.True(runs[0].GetProperty("report_has_failures_since_last_success").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, runs[1].GetProperty("completed_at").ValueKind);
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.CancelledNewestReport}");
        Assert.Equal(runs[2].Str("token"), report.Str("last_successful_run_token"));
        var cancelledQueryRun = (await http.GetJsonAsync(runs[0].Href("query_runs").TrimStart('/'))).Embedded("query_runs")[0];
        Assert.Equal("cancelled", cancelledQueryRun.Str("state"));
        foreach (var unfinished in runs.Take(2))
        {
            var error = await http.GetJsonAsync(unfinished.Href("content").TrimStart('/'), HttpStatusCode.NotFound);
            Assert.Equal("run results not found", error.Str("message"));
        }

        Assert.Equal("cut,diamonds,mean_price", Api.Lines(await http.GetTextAsync(runs[2].Href("content").TrimStart('/')))[0]);
    }

    [Fact]
    public async Task With_the_switches_a_created_run_passes_through_running_notebook_and_ends_completed()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.FromMinutes(10), TimeProvider = clock });
        emulator.Switches.RunsPassThroughRunningNotebook = true;
        emulator.Switches.RunsEndCompleted = true;
        using var http = Api.Client(emulator);
        var created = await http.PostRunAsync(SampleWorkspace.LegoReport);
        string path = $"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs/{created.Str("token")}";

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("enqueued", (await http.GetJsonAsync(path)).Str("state"));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("running_notebook", (await http.GetJsonAsync(path)).Str("state"));
        clock.Advance(TimeSpan.FromMinutes(5));
        var finished = await http.GetJsonAsync(path);

        Assert.Equal("completed", finished.Str("state"));
        Assert.True(finished.GetProperty("is_latest_successful_report_run").GetBoolean());
        Assert.StartsWith("year,", Api.Lines(await http.GetTextAsync(finished.Href("content").TrimStart('/')))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_state_switches_are_off_by_default_and_settable_over_http()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        Assert.Equal("succeeded", (await http.RunAsync(SampleWorkspace.LegoReport)).Str("state"));

        using var body = new StringContent("{\"runs_end_completed\":true}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_emulator/switches", body);
        response.EnsureSuccessStatusCode();

        Assert.True(emulator.Switches.RunsEndCompleted);
        Assert.Equal("completed", (await http.RunAsync(SampleWorkspace.LegoReport)).Str("state"));
    }

    /// <summary>A clock the test moves by hand, so run timing is exact and the test never sleeps.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
