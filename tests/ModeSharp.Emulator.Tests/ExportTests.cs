using System.Net;
using System.Text;
using System.Text.Json;
using ModeSharp.Emulator.Results;
using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.Tests;

public class ExportTests
{
    private static string LatestCsv(string report) => $"api/{Api.Ws}/reports/{report}/results/content.csv";

    [Fact]
    public async Task Exports_are_gzip_even_when_not_asked_for()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator, decompress: false);
        using var response = await http.GetAsync(LatestCsv(SampleWorkspace.LegoReport));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x1F, 0x8B }, bytes[..2]);
        Assert.Contains("lego-sets-by-year-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_switch_off_sends_plain_csv()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.GzipExports = false;
        using var http = Api.Client(emulator, decompress: false);
        using var response = await http.GetAsync(LatestCsv(SampleWorkspace.LegoReport));
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("year,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diamonds_export_reproduces_the_source_csv_byte_for_byte()
    {
        // Integers stay integers, doubles keep their shortest round-trip form, text is quoted only when it must be.
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var csv = await http.GetTextAsync(LatestCsv(SampleWorkspace.DiamondsReport));
        Assert.Equal(53_941, Api.Lines(csv).Length);
        using var source = typeof(ModeEmulator).Assembly.GetManifestResourceStream("workspace/data/diamonds.csv")!;
        Assert.Equal(await new StreamReader(source).ReadToEndAsync(), csv);
    }

    [Fact]
    public async Task Multi_query_report_level_csv_is_a_zip_named_after_the_queries()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        using var response = await http.GetAsync(LatestCsv(SampleWorkspace.PenguinsReport));
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var members = await Api.ReadZipAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["Raw measurements.csv", "Species summary.csv"], members.Keys.Order());
        var raw = Api.Lines(members["Raw measurements.csv"]);
        Assert.Equal(345, raw.Length);
        Assert.Contains("Adelie,Torgersen,,,,,,2007", raw); // missing values stay missing
        Assert.StartsWith("species,penguins,", members["Species summary.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_can_silently_drop_a_query()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.ZipDropsQuery = true;
        using var http = Api.Client(emulator);
        using var response = await http.GetAsync(LatestCsv(SampleWorkspace.PenguinsReport));
        var members = await Api.ReadZipAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["Species summary.csv"], members.Keys);
    }

    [Fact]
    public async Task Report_level_json_holds_the_first_query_only_and_per_query_csv_is_never_a_zip()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var report = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.PenguinsReport}");
        var run = report.Href("last_successful_run").TrimStart('/');
        var json = await http.GetJsonAsync(run + "/results/content.json");
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(3, json.GetArrayLength());
        Assert.Equal("Adelie", json[0].Str("species"));
        Assert.Equal(JsonValueKind.Number, json[0].GetProperty("penguins").ValueKind);
        var queryRuns = (await http.GetJsonAsync(run + "/query_runs")).Embedded("query_runs");
        using var perQuery = await http.GetAsync(queryRuns[1].Href("self").TrimStart('/') + "/results/content.csv");
        Assert.Equal("text/csv", perQuery.Content.Headers.ContentType?.MediaType);
        var rawJson = await http.GetJsonAsync(queryRuns[1].Href("self").TrimStart('/') + "/results/content.json");
        Assert.Equal(344, rawJson.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rawJson[3].GetProperty("bill_length_mm").ValueKind);
    }

    [Fact]
    public async Task Generated_rows_have_every_type_in_default_csv_form()
    {
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero });
        using var http = Api.Client(emulator);
        var run = await http.RunAsync(SampleWorkspace.GeneratedReport, "{\"rows\":13}");
        var csv = await http.GetTextAsync(run.Href("content").TrimStart('/'));
        Assert.StartsWith("id,amount,ratio,label,day,observed_at,flag,bucket\n1,-42081,2.4366666666666665,\"has, a comma\",2000-01-02,2000-01-01T00:00:37.000Z,false,1\n", csv, StringComparison.Ordinal);
        Assert.Contains("\n2,-34162,4.873333333333333,\"has \"\"quotes\"\"\",", csv, StringComparison.Ordinal);
        Assert.Contains("\"line one\nline two\"", csv, StringComparison.Ordinal);
        Assert.Contains(",café,", csv, StringComparison.Ordinal);
        Assert.Contains("\n11,", csv, StringComparison.Ordinal);
        Assert.EndsWith(",true,6", Api.Lines(csv).First(l => l.StartsWith("6,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",,13\n", csv, StringComparison.Ordinal); // flag NULL on row 13
    }

    [Fact]
    public async Task Generator_writes_exactly_what_the_reports_SQL_returns()
    {
        var source = WorkspaceSource.Embedded;
        var definition = source.ReadDefinition();
        var executor = new QueryExecutor(SampleDatabase.For(source, definition));
        var query = definition.Reports.Single(r => r.Token == SampleWorkspace.GeneratedReport).Queries[0];
        var columns = query.Columns.ToDictionary(c => c.Key, c => ColumnKinds.Parse(c.Value, "test"));
        var values = new Dictionary<string, object> { ["rows"] = 5000L };
        var format = CsvFormat.From(new EmulatorSwitches());
        using var fromSql = new MemoryStream();
        using (var rows = executor.Open(QueryText.Parse(query.Sql), values, columns))
        {
            await CsvResultWriter.WriteAsync(rows, format, fromSql, CancellationToken.None);
        }

        using var fromGenerator = new MemoryStream();
        await CsvResultWriter.WriteAsync(new MixedTypesGenerator(5000), format, fromGenerator, CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(fromSql.ToArray()), Encoding.UTF8.GetString(fromGenerator.ToArray()));
    }
}
