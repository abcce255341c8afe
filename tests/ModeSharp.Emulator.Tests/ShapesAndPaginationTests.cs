using System.Globalization;
using System.Text.Json;

namespace ModeSharp.Emulator.Tests;

public class ShapesAndPaginationTests
{
    private static void AssertIsoUtcWithMilliseconds(string value) =>
        Assert.True(DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), value);

    [Fact]
    public async Task Workspace_has_Mode_fields_and_numeric_id()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var ws = await http.GetJsonAsync($"api/{Api.Ws}");
        Assert.Equal(JsonValueKind.Number, ws.GetProperty("id").ValueKind);
        Assert.False(ws.GetProperty("user").GetBoolean());
        Assert.Equal($"/api/{Api.Ws}", ws.Href("self"));
        AssertIsoUtcWithMilliseconds(ws.Str("created_at"));
    }

    [Fact]
    public async Task Spaces_need_a_filter_and_collections_is_an_alias()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        Assert.Empty((await http.GetJsonAsync($"api/{Api.Ws}/spaces")).Embedded("spaces"));
        var custom = (await http.GetJsonAsync($"api/{Api.Ws}/spaces?filter=custom")).Embedded("spaces");
        Assert.All(custom, s => Assert.Equal("custom", s.Str("space_type")));
        Assert.Contains(custom, s => s.Str("token") == SampleWorkspace.ReportsSpace);
        var all = (await http.GetJsonAsync($"api/{Api.Ws}/collections?filter=all")).Embedded("spaces");
        Assert.Contains(all, s => s.Str("token") == SampleWorkspace.PrivateSpace && s.Str("space_type") == "private");
        Assert.True(all.Length > custom.Length);
        var space = await http.GetJsonAsync($"api/{Api.Ws}/spaces/{SampleWorkspace.ReportsSpace}");
        Assert.Equal($"/api/{Api.Ws}/collections/{SampleWorkspace.ReportsSpace}", space.Href("self"));
        Assert.True(space.GetProperty("viewable?").GetBoolean());
    }

    [Fact]
    public async Task Space_reports_walked_page_by_page_give_every_report_once()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var seen = new List<string>();
        string? next = $"api/{Api.Ws}/spaces/{SampleWorkspace.ArchiveSpace}/reports";
        var pages = 0;
        while (next is not null)
        {
            var page = await http.GetJsonAsync(next);
            var reports = page.Embedded("reports");
            Assert.True(reports.Length <= 30);
            seen.AddRange(reports.Select(r => r.Str("token")));
            next = page.GetProperty("_links").TryGetProperty("next_page", out var link) ? link.GetProperty("href").GetString()!.TrimStart('/') : null;
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(32, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Report_links_to_its_latest_successful_run()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}");
        Assert.Equal("LEGO sets by year", report.Str("name"));
        Assert.Equal(JsonValueKind.Number, report.GetProperty("id").ValueKind);
        var last = report.Str("last_successful_run_token");
        Assert.Equal($"/api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs/{last}", report.Href("last_successful_run"));
        Assert.Equal($"/api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/results/content.csv", report.Href("csv_export"));
        AssertIsoUtcWithMilliseconds(report.Str("last_run_at"));
        Assert.True(report.GetProperty("_links").GetProperty("report_run").GetProperty("templated").GetBoolean());
        var queries = (await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/queries")).Embedded("queries");
        Assert.Single(queries);
        Assert.Contains("FROM lego_sets", queries[0].Str("raw_query"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_walked_page_by_page_are_newest_first_and_complete()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var runs = new List<JsonElement>();
        string? next = $"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs";
        var totalCount = -1;
        while (next is not null)
        {
            var page = await http.GetJsonAsync(next);
            var pagination = page.GetProperty("pagination");
            Assert.Equal(20, pagination.GetProperty("per_page").GetInt32());
            totalCount = pagination.GetProperty("total_count").GetInt32();
            var items = page.Embedded("report_runs");
            Assert.Equal(pagination.GetProperty("count").GetInt32(), items.Length);
            runs.AddRange(items);
            var pageNumber = pagination.GetProperty("page").GetInt32();
            next = pageNumber < pagination.GetProperty("total_pages").GetInt32() ? page.Href("next_page").TrimStart('/') : null;
            if (pageNumber > 1)
            {
                Assert.Contains($"page={pageNumber - 1}", page.Href("prev_page"), StringComparison.Ordinal);
            }
        }

        Assert.True(totalCount > 30);
        Assert.Equal(totalCount, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Str("token")).Distinct().Count());
        var created = runs.Select(r => DateTime.Parse(r.Str("created_at"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.True(runs[0].GetProperty("is_latest_report_run").GetBoolean());
        Assert.Single(runs, r => r.GetProperty("is_latest_report_run").GetBoolean());
        Assert.Single(runs, r => r.GetProperty("is_latest_successful_report_run").GetBoolean());
        Assert.All(runs, r => Assert.Empty(r.Embedded("query_runs")));
        Assert.All(runs, r => AssertIsoUtcWithMilliseconds(r.Str("completed_at")));
    }

    [Fact]
    public async Task Per_page_is_capped_at_30_and_order_asc_reverses()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var page = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?per_page=100");
        Assert.Equal(30, page.GetProperty("pagination").GetProperty("per_page").GetInt32());
        Assert.Equal(30, page.Embedded("report_runs").Length);
        var asc = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?order=asc&order_by=created_at&per_page=1");
        var desc = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?order=desc&order_by=updated_at&per_page=1");
        Assert.False(asc.Embedded("report_runs")[0].GetProperty("is_latest_report_run").GetBoolean());
        Assert.True(desc.Embedded("report_runs")[0].GetProperty("is_latest_report_run").GetBoolean());
        await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?order=sideways", System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Run_filter_keeps_runs_after_a_time()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var all = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?per_page=30");
        var runs = all.Embedded("report_runs");
        var cutoff = runs[4].Str("created_at");
        var filtered = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}/runs?filter=created_at.gt.{cutoff}");
        Assert.Equal(4, filtered.GetProperty("pagination").GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Query_runs_and_result_document_lead_to_the_csv()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.PenguinsReport}");
        var run = await http.GetJsonAsync(report.Href("last_successful_run").TrimStart('/'));
        var queryRuns = (await http.GetJsonAsync(run.Href("query_runs").TrimStart('/'))).Embedded("query_runs");
        Assert.Equal(["Species summary", "Raw measurements"], queryRuns.Select(q => q.Str("query_name")));
        Assert.All(queryRuns, q => Assert.Equal("succeeded", q.Str("state")));
        Assert.All(queryRuns, q => Assert.Equal(JsonValueKind.Null, q.GetProperty("error_message").ValueKind));
        var result = await http.GetJsonAsync(queryRuns[0].Href("result").TrimStart('/'));
        Assert.StartsWith("http://127.0.0.1:", result.Href("csv"), StringComparison.Ordinal);
        var csv = await http.GetTextAsync(queryRuns[0].Href("result").TrimStart('/') + "/content.csv");
        Assert.StartsWith("species,penguins,weighed,", csv, StringComparison.Ordinal);
        Assert.Equal(4, Api.Lines(csv).Length);
        Assert.Equal(csv, await http.GetTextAsync(result.Href("csv")));
    }
}
