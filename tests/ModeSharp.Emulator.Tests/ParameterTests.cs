using System.Net;

namespace ModeSharp.Emulator.Tests;

public class ParameterTests
{
    private static EmulatorOptions Instant => new() { RunDuration = TimeSpan.Zero };

    private static async Task<string[]> StormRowsAsync(HttpClient http, string parameters)
    {
        var run = await http.RunAsync(SampleWorkspace.StormsReport, parameters);
        Assert.Equal("succeeded", run.Str("state"));
        return Api.Lines(await http.GetTextAsync(run.Href("content").TrimStart('/')));
    }

    [Fact]
    public async Task Parameters_pick_the_rows_and_timestamps_are_iso()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var lines = await StormRowsAsync(http, "{\"year\":2012,\"name\":\"Sandy\"}");
        Assert.Equal("name,observed_at,lat,long,status,category,wind,pressure", lines[0]);
        Assert.True(lines.Length > 10);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("Sandy,2012-", l, StringComparison.Ordinal));
        Assert.Matches(@"^Sandy,2012-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z,", lines[1]);
        var run = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.StormsReport}/runs?per_page=1");
        var parameters = run.Embedded("report_runs")[0].GetProperty("parameters");
        Assert.Equal(2012, parameters.GetProperty("year").GetInt32());
        Assert.Equal("Sandy", parameters.Str("name"));
    }

    [Fact]
    public async Task Defaults_apply_when_no_parameters_are_given()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var lines = await StormRowsAsync(http, "{}");
        Assert.True(lines.Length > 100);
        Assert.All(lines.Skip(1), l => Assert.Contains(",2005-", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_parameter_cannot_inject_SQL()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var always = await StormRowsAsync(http, "{\"name\":\"x' OR '1'='1\"}");
        Assert.Single(always); // header only: the value was compared as text, not run as SQL
        var drop = await StormRowsAsync(http, "{\"name\":\"'; DROP TABLE storms; --\"}");
        Assert.Single(drop);
        Assert.True((await StormRowsAsync(http, "{}")).Length > 100); // storms is still there
        var run = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.StormsReport}/runs?per_page=1");
        var queryRun = (await http.GetJsonAsync(run.Embedded("report_runs")[0].Href("query_runs").TrimStart('/'))).Embedded("query_runs")[0];
        Assert.Contains("'{{ name }}'", queryRun.Str("raw_source"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_parameter_rejects_SQL_text_with_400_naming_it()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var error = await http.PostRunAsync(SampleWorkspace.StormsReport, "{\"parameters\":{\"year\":\"2005 OR 1=1\"}}", HttpStatusCode.BadRequest);
        Assert.Equal("bad_request", error.Str("id"));
        Assert.Contains("year", error.Str("message"), StringComparison.Ordinal);
        var tooMany = await http.PostRunAsync(SampleWorkspace.GeneratedReport, "{\"parameters\":{\"rows\":-1}}", HttpStatusCode.BadRequest);
        Assert.Contains("rows", tooMany.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integer_parameter_rejects_a_fraction_naming_it()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var error = await http.PostRunAsync(SampleWorkspace.StormsReport, "{\"parameters\":{\"year\":2010.5}}", HttpStatusCode.BadRequest);
        Assert.Contains("'year' must be a whole number", error.Str("message"), StringComparison.Ordinal);
        var rows = await http.PostRunAsync(SampleWorkspace.GeneratedReport, "{\"parameters\":{\"rows\":\"2.5\"}}", HttpStatusCode.BadRequest);
        Assert.Contains("rows", rows.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_parameter_or_a_wrapped_body_is_refused_naming_it_unless_switched_off()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var unknown = await http.PostRunAsync(SampleWorkspace.StormsReport, "{\"parameters\":{\"yeer\":2010}}", HttpStatusCode.BadRequest);
        Assert.Contains("no parameter 'yeer'", unknown.Str("message"), StringComparison.Ordinal);
        Assert.Contains("year, name", unknown.Str("message"), StringComparison.Ordinal);
        var wrapped = await http.PostRunAsync(SampleWorkspace.StormsReport, "{\"report_run\":{\"parameters\":{\"year\":2010}}}", HttpStatusCode.BadRequest);
        Assert.Contains("'report_run'", wrapped.Str("message"), StringComparison.Ordinal);

        emulator.Switches.RejectUnknownRunFields = false;
        var lines = await StormRowsAsync(http, "{\"yeer\":2010}");
        Assert.All(lines.Skip(1), l => Assert.Contains(",2005-", l, StringComparison.Ordinal)); // ignored: the default year
    }

    [Fact]
    public async Task The_generated_report_has_as_many_rows_as_asked()
    {
        await using var emulator = await ModeEmulator.StartAsync(Instant);
        using var http = Api.Client(emulator);
        var run = await http.RunAsync(SampleWorkspace.GeneratedReport, "{\"rows\":2500}");
        using var response = await http.GetAsync(run.Href("content").TrimStart('/'));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var records = 0;
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            inQuotes ^= c == '"';
            records += !inQuotes && c == '\n' ? 1 : 0;
        }

        Assert.Equal(2501, records); // header + rows; one label holds a quoted newline
    }
}
