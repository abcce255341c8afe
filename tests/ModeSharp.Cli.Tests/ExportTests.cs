using System.Text;
using System.Text.Json;
using Microsoft.Data.Analysis;
using ModeSharp.Emulator;
using ModeSharp.Frames;
using ModeSharp.Results;

namespace ModeSharp.Cli.Tests;

public class ExportTests : CliTestBase
{
    private async Task<ReportFrame> ReadDirectlyAsync(string report, ReportReadOptions? options = null)
    {
        var client = new ModeClient(new ModeClientOptions
        {
            BaseAddress = Emulator.BaseAddress,
            Workspace = Emulator.Workspace,
            Credentials = new ModeCredentials(Emulator.Token, Secret),
        });
        return await client.ReadReportAsync(report, options);
    }

    [Theory]
    [InlineData(SampleWorkspace.LegoReport, null)]
    [InlineData(SampleWorkspace.PenguinsReport, "Raw measurements")]
    [InlineData(SampleWorkspace.StormsReport, null)]
    public async Task Export_csv_reads_back_to_the_same_frame_and_types(string report, string? query)
    {
        var args = new List<string> { "export", report, "--format", "csv" };
        if (query is not null) args.AddRange(["--query", query]);
        var result = await RunAsync([.. args]);
        AssertExit(0, result);

        var expected = await ReadDirectlyAsync(report, new ReportReadOptions { Query = query });
        var roundTrip = CsvFrameReader.Parse(result.StdOut);
        Assert.Equal(
            expected.Specification.Columns.Select(c => (c.Name, c.TypeName)),
            roundTrip.Specification.Columns.Select(c => (c.Name, c.TypeName)));
        Assert.Equal(expected.Frame.Rows.Count, roundTrip.Frame.Rows.Count);
        for (var column = 0; column < expected.Frame.Columns.Count; column++)
        {
            for (long row = 0; row < expected.Frame.Rows.Count; row++)
            {
                Assert.Equal(expected.Frame.Columns[column][row], roundTrip.Frame.Columns[column][row]);
            }
        }
    }

    [Fact]
    public async Task Whole_doubles_stay_doubles_through_csv()
    {
        var result = await RunAsync("export", SampleWorkspace.LegoReport, "--type", "year=double", "--format", "csv");
        AssertExit(0, result);
        var roundTrip = CsvFrameReader.Parse(result.StdOut);
        Assert.Equal("double", roundTrip.Specification["year"]!.TypeName);
        Assert.Contains("1949.0,", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_json_is_one_array_of_typed_row_objects()
    {
        var result = await RunAsync("export", SampleWorkspace.PenguinsReport, "--query", "Raw measurements", "--format", "json");
        AssertExit(0, result);
        var expected = await ReadDirectlyAsync(SampleWorkspace.PenguinsReport, new ReportReadOptions { Query = "Raw measurements" });

        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(expected.Frame.Rows.Count, json.RootElement.GetArrayLength());
        AssertRowsMatch(expected, json.RootElement.EnumerateArray().ToList());
    }

    [Fact]
    public async Task Export_jsonl_is_one_typed_object_per_line()
    {
        var result = await RunAsync("export", SampleWorkspace.StormsReport, "--format", "jsonl");
        AssertExit(0, result);
        var expected = await ReadDirectlyAsync(SampleWorkspace.StormsReport);

        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Frame.Rows.Count, lines.Length);
        AssertRowsMatch(expected, lines.Select(l => JsonDocument.Parse(l).RootElement).ToList());
    }

    private static void AssertRowsMatch(ReportFrame expected, List<JsonElement> rows)
    {
        var spec = expected.Specification.Columns;
        Assert.Contains(spec, c => c.TypeName is "integer" or "double");
        for (var row = 0; row < rows.Count; row++)
        {
            foreach (var column in spec)
            {
                var cell = rows[row].GetProperty(column.Name);
                var value = expected.Frame.Columns[column.Name][row];
                if (value is null)
                {
                    Assert.Equal(JsonValueKind.Null, cell.ValueKind);
                    continue;
                }
                switch (column.TypeName)
                {
                    case "integer": Assert.Equal((long)value, cell.GetInt64()); break;
                    case "double": Assert.Equal((double)value, cell.GetDouble()); break;
                    case "decimal": Assert.Equal((decimal)value, cell.GetDecimal()); break;
                    case "boolean": Assert.Equal((bool)value, cell.GetBoolean()); break;
                    case "date": Assert.Equal(((DateTime)value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cell.GetString()); break;
                    case "timestamp": Assert.Equal((DateTime)value, DateTime.Parse(cell.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)); break;
                    default: Assert.Equal((string)value, cell.GetString()); break;
                }
            }
        }
    }

    [Fact]
    public async Task Export_table_shows_the_run_the_specification_and_the_first_rows()
    {
        var result = await RunAsync("export", SampleWorkspace.LegoReport, "--rows", "3");
        AssertExit(0, result);
        var expected = await ReadDirectlyAsync(SampleWorkspace.LegoReport);
        Assert.Contains($"run {expected.Run.Token} (succeeded", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("integer (4): year, sets, parts, themes", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{expected.Frame.Rows.Count - 3} more rows", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_json_lists_each_column_with_its_type_name()
    {
        var result = await RunAsync("schema", SampleWorkspace.LegoReport, "--format", "json");
        AssertExit(0, result);
        using var json = JsonDocument.Parse(result.StdOut);
        var columns = json.RootElement.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString())).ToList();
        Assert.Equal(
            [("year", "integer"), ("sets", "integer"), ("parts", "integer"), ("themes", "integer"), ("mean_parts", "double"), ("largest_set", "text")],
            columns);
    }

    [Fact]
    public async Task Schema_table_is_the_readr_style_specification()
    {
        var result = await RunAsync("schema", SampleWorkspace.DiamondsReport);
        AssertExit(0, result);
        Assert.StartsWith("Rows: 53940  Columns: 10", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_of_a_new_run_uses_the_parameters_given()
    {
        var result = await RunAsync("export", SampleWorkspace.GeneratedReport, "--run", "new", "--param", "rows=1234", "--format", "csv");
        AssertExit(0, result);
        Assert.Equal(1234, CsvFrameReader.Parse(result.StdOut).Frame.Rows.Count);
    }

    [Fact]
    public async Task Export_writes_no_file_to_home_or_temp()
    {
        var home = Directory.CreateTempSubdirectory("modesharp-home-");
        var temp = Directory.CreateTempSubdirectory("modesharp-tmp-");
        try
        {
            var environment = Environment();
            environment["HOME"] = home.FullName;
            environment["TMPDIR"] = temp.FullName;
            environment["DOTNET_CLI_HOME"] = home.FullName;
            foreach (var format in new[] { "csv", "json", "table" })
            {
                var result = await CliProcess.RunAsync(["export", SampleWorkspace.DiamondsReport, "--format", format], environment);
                AssertExit(0, result);
            }
            Assert.Empty(home.EnumerateFileSystemInfos("*", SearchOption.AllDirectories));
            Assert.Empty(temp.EnumerateFileSystemInfos("*", SearchOption.AllDirectories));
        }
        finally
        {
            home.Delete(recursive: true);
            temp.Delete(recursive: true);
        }
    }
}
