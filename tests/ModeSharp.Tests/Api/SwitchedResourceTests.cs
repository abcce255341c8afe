using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Api;

public class SwitchedResourceTests
{
    [Fact]
    public async Task Ids_sent_as_strings_are_read_like_numbers()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var asNumbers = await client.Reports.GetAsync(SampleWorkspace.LegoReport);

        emulator.Switches.IdsAsStrings = true;
        var asStrings = await client.Reports.GetAsync(SampleWorkspace.LegoReport);
        var runs = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();

        // The precondition, read raw: the switch really puts the id on the wire as a string.
        using var raw = new HttpClient();
        raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(emulator.Token + ":" + emulator.Secret)));
        var wire = await raw.GetStringAsync(new Uri(emulator.BaseAddress, $"/api/{emulator.Workspace}/reports/{SampleWorkspace.LegoReport}"));
        Assert.Contains($"\"id\":\"{asNumbers.Id}\"", wire, StringComparison.Ordinal);
        Assert.Equal(asNumbers.Id, asStrings.Id);
        Assert.NotNull(asStrings.Id);
        Assert.All(runs.Select(r => r.Token), t => Assert.False(string.IsNullOrEmpty(t)));
        Assert.True(runs.Count >= 35);
    }

    [Fact]
    public async Task A_next_page_link_past_the_end_does_not_add_or_lose_runs()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var normal = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();

        emulator.Switches.NextPageLinkPastEnd = true;
        var pastEnd = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();
        var reports = await client.Reports.ListForSpaceAsync(SampleWorkspace.ReportsSpace).ToListAsync();

        Assert.Equal(normal.Select(r => r.Token), pastEnd.Select(r => r.Token));
        Assert.NotEmpty(reports);
        Assert.Equal(reports.Count, reports.Select(r => r.Token).Distinct().Count());
    }

    [Fact]
    public async Task Run_listing_never_sends_the_filter_that_answers_500()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RunFilterAnswers500 = true;
        var client = Emulated.Client(emulator);

        var runs = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();
        var latest = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.FailedNewestReport);

        Assert.True(runs.Count >= 35);
        Assert.True(latest.State.IsSuccess);
    }
}
