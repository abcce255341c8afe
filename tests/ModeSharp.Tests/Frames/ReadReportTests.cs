using Microsoft.Data.Analysis;
using ModeSharp.Emulator;
using ModeSharp.Frames;
using ModeSharp.Results;
using ModeSharp.Runs;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Frames;

public class ReadReportTests
{
    [Fact]
    public async Task The_default_reads_the_latest_successful_run_typed_from_every_row()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var lego = await client.ReadReportAsync(SampleWorkspace.LegoReport);

        var report = await client.Reports.GetAsync(SampleWorkspace.LegoReport);
        Assert.Equal(report.LastSuccessfulRunToken, lego.Run.Token);
        Assert.True(lego.Run.State.IsSuccess);
        Assert.Equal("Sets by year", lego.QueryName);
        Assert.Equal(
            ["integer", "integer", "integer", "integer", "double", "text"],
            lego.Specification.Columns.Select(c => c.TypeName));
        Assert.IsType<Int64DataFrameColumn>(lego.Frame["year"]);
        Assert.Equal(lego.Specification.RowCount, lego.Frame.Rows.Count);
        Assert.Empty(lego.Problems);
        Assert.Contains($"run {lego.Run.Token} (succeeded", lego.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_newest_run_is_skipped_by_default_and_named_by_the_strict_rule()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var frame = await client.ReadReportAsync(SampleWorkspace.FailedNewestReport);
        Assert.True(frame.Run.State.IsSuccess);
        Assert.True(frame.Frame.Rows.Count > 0);

        var error = await Assert.ThrowsAsync<ModeRunException>(() =>
            client.ReadReportAsync(SampleWorkspace.FailedNewestReport, new ReportReadOptions { Run = RunSelector.Latest() }));
        Assert.Equal(RunProblem.Failed, error.Problem);
        Assert.Contains(SampleWorkspace.FailedNewestReport, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.QueryErrors);
    }

    [Fact]
    public async Task An_in_progress_newest_run_is_skipped_by_default_and_refused_by_the_strict_rule()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var frame = await client.ReadReportAsync(SampleWorkspace.InProgressReport);
        Assert.True(frame.Run.State.IsSuccess);

        var error = await Assert.ThrowsAsync<ModeRunException>(() =>
            client.ReadReportAsync(SampleWorkspace.InProgressReport, new ReportReadOptions { Run = RunSelector.Latest() }));
        Assert.Equal(RunProblem.InProgress, error.Problem);
    }

    [Fact]
    public async Task A_multi_query_report_needs_a_query_and_names_its_queries_when_none_is_given()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ReadReportAsync(SampleWorkspace.PenguinsReport));
        Assert.Contains("Species summary", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raw measurements", error.Message, StringComparison.Ordinal);

        var raw = await client.ReadReportAsync(SampleWorkspace.PenguinsReport, new ReportReadOptions { Query = "Raw measurements" });
        Assert.Equal("Raw measurements", raw.QueryName);
        Assert.Equal(344, raw.Frame.Rows.Count);
        Assert.True(raw.Frame.Columns.Any(c => c.NullCount > 0), "the raw penguins keep their missing values as nulls");

        var byToken = await client.ReadReportAsync(SampleWorkspace.PenguinsReport, new ReportReadOptions { Query = raw.QueryRun.QueryToken });
        Assert.Equal(raw.Frame.Rows.Count, byToken.Frame.Rows.Count);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.ReadReportAsync(SampleWorkspace.PenguinsReport, new ReportReadOptions { Query = "No such query" }));
    }

    [Fact]
    public async Task Every_query_of_a_run_is_read_through_its_own_export_keyed_by_name()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        // The run-level ZIP is never used: even when it drops a query, every frame is there.
        emulator.Switches.ZipDropsQuery = true;
        var client = Emulated.Client(emulator);

        var frames = await client.ReadReportQueriesAsync(SampleWorkspace.PenguinsReport);

        Assert.Equal(["Raw measurements", "Species summary"], frames.Keys.Order(StringComparer.Ordinal));
        Assert.All(frames.Values, f => Assert.Equal(frames.Values.First().Run.Token, f.Run.Token));
        Assert.Equal(344, frames["Raw measurements"].Frame.Rows.Count);
    }

    [Fact]
    public async Task A_new_run_with_parameters_is_started_awaited_with_progress_and_read()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var polls = new List<RunProgress>();
        long lastBytes = 0;

        var storms = await client.ReadReportAsync(SampleWorkspace.StormsReport, new ReportReadOptions
        {
            StartNewRun = true,
            Parameters = new Dictionary<string, object?> { ["year"] = "2015" },
            RunProgress = new SyncProgress<RunProgress>(polls.Add),
            DownloadProgress = new SyncProgress<long>(bytes => lastBytes = bytes),
        });

        Assert.True(storms.Run.State.IsSuccess);
        Assert.Equal("2015", storms.Run.Parameters["year"].ToString());
        Assert.NotEmpty(polls);
        Assert.True(lastBytes > 0);
        var observed = (DateTimeDataFrameColumn)storms.Frame["observed_at"];
        Assert.Equal("timestamp", storms.Specification["observed_at"]!.TypeName);
        Assert.All(observed, t => Assert.Equal(2015, t!.Value.Year));
    }

    [Fact]
    public async Task Options_that_contradict_each_other_are_refused_instead_of_silently_ignored()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var parameters = new Dictionary<string, object?> { ["year"] = "2012" };

        var noNewRun = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.ReadReportAsync(SampleWorkspace.StormsReport, new ReportReadOptions { Parameters = parameters }));
        Assert.Contains("StartNewRun", noNewRun.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadReportAsync(SampleWorkspace.StormsReport,
            new ReportReadOptions { StartNewRun = true, Run = RunSelector.ByToken("aaaaaaaaaaaa") }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ReadReportQueriesAsync(SampleWorkspace.PenguinsReport,
            new ReportReadOptions { Query = "Raw measurements" }));
    }

    [Fact]
    public async Task A_run_chosen_by_token_is_read()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var runs = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();
        var older = runs[5];

        var frame = await client.ReadReportAsync(SampleWorkspace.LegoReport, new ReportReadOptions { Run = RunSelector.ByToken(older.Token!) });

        Assert.Equal(older.Token, frame.Run.Token);
    }

    [Fact]
    public async Task Mode_csv_dialects_give_the_same_types()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var options = new ReportReadOptions { StartNewRun = true, Parameters = new Dictionary<string, object?> { ["rows"] = "500" } };
        var plain = await client.ReadReportAsync(SampleWorkspace.GeneratedReport, options);

        emulator.Switches.Bom = true;
        emulator.Switches.Crlf = true;
        emulator.Switches.CsvBooleans = CsvBooleanFormat.TF;
        emulator.Switches.CsvTimestampFormat = CsvTimestampFormat.Sql;
        emulator.Switches.GzipExports = false;
        var dialect = await client.ReadReportAsync(SampleWorkspace.GeneratedReport, options);

        Assert.Equal(plain.Frame.Rows.Count, dialect.Frame.Rows.Count);
        Assert.Equal(
            plain.Specification.Columns.Select(c => (c.Name, c.TypeName)),
            dialect.Specification.Columns.Select(c => (c.Name, c.TypeName)));
        Assert.Contains(plain.Specification.Columns, c => c.TypeName == "boolean");
        Assert.Contains(plain.Specification.Columns, c => c.TypeName == "timestamp");
    }

    [Fact]
    public async Task Bad_data_under_a_strict_override_names_report_run_query_row_and_column()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);

        var error = await Assert.ThrowsAsync<CsvDataException>(() => client.ReadReportAsync(SampleWorkspace.LegoReport, new ReportReadOptions
        {
            Csv = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["largest_set"] = CsvColumnType.Integer }, Strict = true },
        }));

        Assert.Equal("largest_set", error.Column);
        Assert.Equal(1, error.Row);
        Assert.Contains(SampleWorkspace.LegoReport, error.Message, StringComparison.Ordinal);
        Assert.Contains("Sets by year", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the calling thread, so the test sees every report before it asserts.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
