using ModeSharp.Emulator;

namespace ModeSharp.Cli.Tests;

/// <summary>Every documented exit code, each from a real cause.</summary>
public class ExitCodeTests : CliTestBase
{
    [Theory]
    [InlineData("export")]                                      // no report argument
    [InlineData("export", SampleWorkspace.LegoReport, "--format", "xml")]
    [InlineData("export", SampleWorkspace.LegoReport, "--param", "a=1")]   // parameters without --run new
    [InlineData("export", SampleWorkspace.PenguinsReport)]      // two queries, none chosen
    [InlineData("export", SampleWorkspace.LegoReport, "--type", "nosuchcolumn=integer")]
    [InlineData("no-such-command")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var result = await RunAsync(args);
        AssertExit(2, result);
        Assert.NotEmpty(result.StdErr);
    }

    [Fact]
    public async Task Several_queries_and_none_chosen_names_them()
    {
        var result = await RunAsync("export", SampleWorkspace.PenguinsReport);
        Assert.Contains("Species summary", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Raw measurements", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_exits_3_and_never_shows_the_secret()
    {
        const string wrong = "wr0ng-secret-Kx7-do-not-print";
        var environment = Environment(secret: wrong);
        var result = await CliProcess.RunAsync(["export", SampleWorkspace.LegoReport], environment);
        AssertExit(3, result);
        Assert.Contains("401", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("MODE_SECRET", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Emulator.Token}:{wrong}")), result.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_credentials_exit_3_and_say_which_variables()
    {
        var environment = Environment();
        environment.Remove("MODE_SECRET");
        var result = await CliProcess.RunAsync(["runs", SampleWorkspace.LegoReport], environment);
        AssertExit(3, result);
        Assert.Contains("MODE_SECRET", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_report_exits_4_and_names_it()
    {
        var result = await RunAsync("export", "0000deadbeef");
        AssertExit(4, result);
        Assert.Contains("0000deadbeef", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("report not found", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_newest_run_with_run_latest_exits_5_with_the_query_error()
    {
        var result = await RunAsync("export", SampleWorkspace.FailedNewestReport, "--run", "latest");
        AssertExit(5, result);
        Assert.Contains("failed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_newest_run_does_not_stop_the_default_latest_successful()
    {
        var result = await RunAsync("export", SampleWorkspace.FailedNewestReport, "--format", "csv");
        AssertExit(0, result);
    }

    [Fact]
    public async Task An_in_progress_newest_run_with_run_latest_exits_5()
    {
        var result = await RunAsync("export", SampleWorkspace.InProgressReport, "--run", "latest");
        AssertExit(5, result);
        Assert.Contains("enqueued", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failing_after_retries_exits_6()
    {
        Emulator.Switches.FailNextRequests(1000, 503);
        var result = await RunAsync("export", SampleWorkspace.LegoReport, "--retries", "1");
        AssertExit(6, result);
        Assert.Contains("503", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_off_mid_stream_exits_6_not_a_shorter_table()
    {
        Emulator.Switches.TruncateBodies = true;
        var result = await RunAsync("export", SampleWorkspace.DiamondsReport, "--format", "csv", "--retries", "0");
        AssertExit(6, result);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Data_that_breaks_a_declared_type_in_strict_mode_exits_7_naming_row_and_column()
    {
        var result = await RunAsync("export", SampleWorkspace.LegoReport, "--type", "largest_set=integer", "--strict", "--format", "csv");
        AssertExit(7, result);
        Assert.Contains("largest_set", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("row", result.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Values_that_do_not_fit_a_declared_type_exit_7_after_writing_unless_allowed()
    {
        var result = await RunAsync("export", SampleWorkspace.LegoReport, "--type", "largest_set=integer", "--format", "csv");
        AssertExit(7, result);
        Assert.NotEmpty(result.StdOut);
        Assert.Contains("problem(s)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--allow-problems", result.StdErr, StringComparison.Ordinal);

        var allowed = await RunAsync("export", SampleWorkspace.LegoReport, "--type", "largest_set=integer", "--format", "csv", "--allow-problems");
        AssertExit(0, allowed);
        Assert.Contains("problem(s)", allowed.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_run_that_never_finishes_stops_at_the_timeout_with_exit_5()
    {
        var result = await RunAsync("export", SampleWorkspace.InProgressReport, "--run", "latest", "--wait", "--timeout", "1");
        AssertExit(5, result);
        Assert.Contains(SampleWorkspace.InProgressReport, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_run_refused_with_429_is_retried_and_succeeds()
    {
        Emulator.Switches.FailNextRequests(1, 429);
        var result = await RunAsync("export", SampleWorkspace.GeneratedReport, "--run", "new", "--param", "rows=10", "--format", "csv");
        AssertExit(0, result);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_is_a_usage_error_that_speaks_cli()
    {
        var environment = Environment();
        environment["MODE_BASE_URL"] = "http://example.com";
        var result = await CliProcess.RunAsync(["runs", SampleWorkspace.LegoReport], environment);
        AssertExit(2, result);
        Assert.Contains("plain HTTP", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.StdErr, StringComparison.Ordinal);
    }
}
