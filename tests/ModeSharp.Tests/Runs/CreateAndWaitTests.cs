using System.Text.Json;
using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Runs;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Runs;

public class CreateAndWaitTests
{
    [Fact]
    public async Task A_created_run_is_enqueued_then_waited_for_and_its_results_use_the_parameters()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var progress = new List<RunProgress>();

        var created = await client.Runs.CreateAsync(SampleWorkspace.GeneratedReport, new Dictionary<string, object?> { ["rows"] = 7 });
        var done = await client.Runs.WaitForCompletionAsync(created, progress: new Progress(progress));
        var queryRuns = await client.QueryRuns.ListAsync(done);
        // JSON rather than CSV lines: the generated rows include labels with line breaks inside quotes.
        await using var json = await client.Results.OpenQueryRunJsonAsync(SampleWorkspace.GeneratedReport, done.Token!, queryRuns[0].Token!);
        using var rows = await JsonDocument.ParseAsync(json);

        Assert.True(created.State.IsInProgress);
        Assert.Equal(created.Token, done.Token);
        Assert.True(done.State.IsSuccess);
        Assert.Equal(7, done.Parameters["rows"].ValueKind == JsonValueKind.String ? int.Parse(done.Parameters["rows"].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : done.Parameters["rows"].GetInt32());
        Assert.Equal(7, rows.RootElement.GetArrayLength());
        Assert.True(progress[^1].State.IsSuccess);
        Assert.Null(progress[^1].NextCheckIn);
    }

    [Fact]
    public async Task A_new_run_becomes_the_latest_and_latest_with_wait_returns_it()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var created = await client.Runs.CreateAsync(SampleWorkspace.StormsReport, new Dictionary<string, object?> { ["year"] = 2005 });
        var latest = await client.Runs.GetLatestAsync(SampleWorkspace.StormsReport, waitIfInProgress: true);

        Assert.Equal(created.Token, latest.Token);
        Assert.True(latest.State.IsSuccess);
    }

    [Fact]
    public async Task Creating_a_run_of_a_missing_report_names_the_report()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Runs.CreateAsync("000000000000"));

        Assert.True(error.IsNotFound);
        Assert.Equal("POST", error.Method);
        Assert.Contains("000000000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_that_json_cannot_carry_are_refused_before_sending()
    {
        var client = new ModeClient("ws", new ModeCredentials("t", "s"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.Runs.CreateAsync("r", new Dictionary<string, object?> { ["x"] = new object() }));
    }

    [Fact]
    public void The_create_body_is_flat_parameters_with_lists_as_arrays()
    {
        var body = System.Text.Encoding.UTF8.GetString(RunParameters.ToBody(new Dictionary<string, object?>
        {
            ["year"] = 2005,
            ["names"] = new[] { "Katrina", "Rita" },
            ["on"] = new DateOnly(2005, 8, 29),
            ["flag"] = true,
            ["none"] = null,
        }));

        Assert.Equal("""{"parameters":{"year":2005,"names":["Katrina","Rita"],"on":"2005-08-29","flag":true,"none":null}}""", body);
    }

    private sealed class Progress(List<RunProgress> into) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => into.Add(value);
    }
}
