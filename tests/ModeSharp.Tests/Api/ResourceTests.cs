using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Api;

[Collection(SharedEmulatorDefinition.Name)]
public class ResourceTests(SharedEmulator shared)
{
    private ModeClient Client() => Emulated.Client(shared.Emulator);

    [Fact]
    public async Task Workspace_is_read_with_its_name()
    {
        var workspace = await Client().Workspace.GetAsync();

        Assert.Equal(SampleWorkspace.Name, workspace.Username);
        Assert.False(workspace.IsUser);
        Assert.NotNull(workspace.Id);
    }

    [Fact]
    public async Task Custom_spaces_leave_out_private_ones_and_all_includes_them()
    {
        var client = Client();

        var custom = await client.Spaces.ListAsync(SpaceFilter.Custom).ToListAsync();
        var all = await client.Spaces.ListAsync(SpaceFilter.All).ToListAsync();

        Assert.Contains(custom, s => s.Token == SampleWorkspace.ReportsSpace);
        Assert.All(custom, s => Assert.Equal("custom", s.SpaceType));
        Assert.Contains(all, s => s.SpaceType == "private");
        Assert.True(all.Count > custom.Count);
    }

    [Fact]
    public async Task A_space_is_read_by_token()
    {
        var space = await Client().Spaces.GetAsync(SampleWorkspace.ReportsSpace);

        Assert.Equal(SampleWorkspace.ReportsSpace, space.Token);
        Assert.False(string.IsNullOrEmpty(space.Name));
    }

    [Fact]
    public async Task Reports_of_a_space_come_from_every_page()
    {
        var client = Client();
        var spaces = await client.Spaces.ListAsync(SpaceFilter.All).ToListAsync();
        var pages = 0;
        var reports = new List<Report>();

        foreach (var space in spaces)
        {
            await foreach (var page in client.Reports.ListForSpaceAsync(space.Token!).AsPages())
            {
                pages++;
                reports.AddRange(page.Items);
            }
        }

        // The sample's "Archive" space holds more than one page (30) of reports.
        Assert.True(reports.Count > 30, $"only {reports.Count} reports");
        Assert.Equal(reports.Count, reports.Select(r => r.Token).Distinct().Count());
        Assert.Contains(reports, r => r.Token == SampleWorkspace.LegoReport);
    }

    [Fact]
    public async Task A_report_and_its_queries_are_read()
    {
        var client = Client();

        var report = await client.Reports.GetAsync(SampleWorkspace.PenguinsReport);
        var queries = await client.Reports.GetQueriesAsync(SampleWorkspace.PenguinsReport);

        Assert.Equal(SampleWorkspace.PenguinsReport, report.Token);
        Assert.Equal(2, queries.Count);
        Assert.All(queries, q => Assert.False(string.IsNullOrEmpty(q.Name)));
    }

    [Fact]
    public async Task A_missing_report_is_a_404_naming_its_token()
    {
        var error = await Assert.ThrowsAsync<ModeApiException>(() => Client().Reports.GetAsync("000000000000"));

        Assert.True(error.IsNotFound);
        Assert.Equal("not_found", error.ErrorId);
        Assert.Equal("000000000000", error.ReportToken);
        Assert.Contains("Report '000000000000'", error.Message, StringComparison.Ordinal);
        Assert.Contains("report not found", error.Message, StringComparison.Ordinal);
        Assert.Equal("GET", error.Method);
        Assert.EndsWith("/reports/000000000000", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_workspace_is_named_as_such_not_blamed_on_the_report()
    {
        var client = Emulated.Client(shared.Emulator, o => o.Workspace = "nosuchworkspace");

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync(SampleWorkspace.LegoReport));

        Assert.True(error.IsNotFound);
        Assert.StartsWith("Workspace 'nosuchworkspace' was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("account not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("MODE_WORKSPACE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_run_is_a_404_naming_the_run_and_the_report()
    {
        var error = await Assert.ThrowsAsync<ModeApiException>(() => Client().Runs.GetAsync(SampleWorkspace.LegoReport, "ffffffffffff"));

        Assert.True(error.IsNotFound);
        Assert.Equal("ffffffffffff", error.RunToken);
        Assert.Contains("Run 'ffffffffffff' of report 'eb4fdefe37d8'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_runs_are_listed_across_pages_newest_first()
    {
        var runs = await Client().Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();

        Assert.True(runs.Count >= 35, $"only {runs.Count} runs");
        Assert.Equal(runs.Count, runs.Select(r => r.Token).Distinct().Count());
        Assert.Equal(runs.OrderByDescending(r => r.CreatedAt).Select(r => r.Token), runs.Select(r => r.Token));
        Assert.All(runs, r => Assert.Equal(SampleWorkspace.LegoReport, r.ReportToken));
    }

    [Fact]
    public async Task A_small_page_size_still_yields_every_run()
    {
        var client = Client();

        var all = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();
        var pages = new List<ModePage<ReportRun>>();
        await foreach (var page in client.Runs.ListAsync(SampleWorkspace.LegoReport, perPage: 7).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(all.Select(r => r.Token), pages.SelectMany(p => p.Items).Select(r => r.Token));
        Assert.Equal(pages[0].TotalPages, pages.Count);
        Assert.True(pages[^1].Items.Count <= 7);
    }

    [Fact]
    public async Task Query_runs_of_a_run_carry_their_tokens()
    {
        var client = Client();
        var run = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.PenguinsReport);

        var queryRuns = await client.QueryRuns.ListAsync(run);
        var one = await client.QueryRuns.GetAsync(SampleWorkspace.PenguinsReport, run.Token!, queryRuns[0].Token!);

        Assert.Equal(2, queryRuns.Count);
        Assert.All(queryRuns, q => Assert.Equal(run.Token, q.RunToken));
        Assert.Equal(queryRuns[0].Token, one.Token);
        Assert.True(one.State.IsSuccess);
    }
}
