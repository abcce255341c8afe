using ModeSharp.Emulator;

namespace ModeSharp.Cli.Tests;

public class CommandTests : CliTestBase
{
    [Fact]
    public async Task Demo_reads_the_LEGO_report_from_its_own_emulator_without_credentials()
    {
        var result = await CliProcess.RunAsync(["demo"]);
        AssertExit(0, result);
        Assert.Contains("Report eb4fdefe37d8, run ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("integer (4): year, sets, parts, themes", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("largest_set", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1949", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_lists_the_reports_of_a_space()
    {
        var result = await RunAsync("reports", "--space", SampleWorkspace.ReportsSpace);
        AssertExit(0, result);
        Assert.Contains(SampleWorkspace.LegoReport, result.StdOut, StringComparison.Ordinal);
        Assert.Contains("LEGO sets by year", result.StdOut, StringComparison.Ordinal);
        Assert.Contains(SampleWorkspace.DiamondsReport, result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_without_a_space_walks_every_space()
    {
        var result = await RunAsync("reports");
        AssertExit(0, result);
        Assert.Contains(SampleWorkspace.LegoReport, result.StdOut, StringComparison.Ordinal);
        Assert.Contains(SampleWorkspace.ArchiveSpace, result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_shows_the_newest_runs_up_to_the_limit_across_pages()
    {
        var result = await RunAsync("runs", SampleWorkspace.LegoReport, "--limit", "25");
        AssertExit(0, result);
        var runLines = result.StdOut.Split('\n').Count(l => l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Equal(25, runLines);
        Assert.Contains("there are more", result.StdOut, StringComparison.Ordinal);

        var all = await RunAsync("runs", SampleWorkspace.LegoReport, "--limit", "1000");
        Assert.DoesNotContain("there are more", all.StdOut, StringComparison.Ordinal);
        Assert.True(all.StdOut.Split('\n').Count(l => l.Contains("succeeded", StringComparison.Ordinal)) > 30);
    }

    [Fact]
    public async Task Run_starts_a_run_with_parameters_and_waits_for_it()
    {
        var result = await RunAsync("run", SampleWorkspace.StormsReport, "--param", "year=2015");
        AssertExit(0, result);
        var fields = result.StdOut.Trim().Split('\t');
        Assert.Equal("succeeded", fields[1]);
        Assert.Contains($"modesharp: started run {fields[0]} of report {SampleWorkspace.StormsReport}", result.StdErr, StringComparison.Ordinal);

        var runs = await RunAsync("runs", SampleWorkspace.StormsReport, "--limit", "1");
        Assert.Contains(fields[0], runs.StdOut, StringComparison.Ordinal);
        Assert.Contains("2015", runs.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var result = await CliProcess.RunAsync(["--help"]);
        AssertExit(0, result);
        Assert.Contains("5 the run failed, was cancelled", result.StdOut, StringComparison.Ordinal);
        foreach (var command in new[] { "reports", "runs", "run", "export", "schema", "emulator", "demo" })
        {
            Assert.Contains(command, result.StdOut, StringComparison.Ordinal);
        }
    }
}
