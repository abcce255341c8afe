using ModeSharp.Emulator;

namespace ModeSharp.Cli.Tests;

/// <summary>
/// A run the command started goes on in Mode after the command gives up (timeout, Ctrl+C): the command says its token
/// on standard error as soon as it exists, so the user can find it again. Here runs take ten minutes to finish.
/// </summary>
public class StartedRunTests : CliTestBase
{
    protected override TimeSpan RunDuration => TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("export")]
    [InlineData("run")]
    public async Task A_command_that_gives_up_on_the_run_it_started_has_already_said_which_run_it_was(string command)
    {
        string[] args = command == "export"
            ? ["export", SampleWorkspace.GeneratedReport, "--run", "new", "--param", "rows=10", "--timeout", "1"]
            : ["run", SampleWorkspace.GeneratedReport, "--param", "rows=10", "--timeout", "1"];
        var result = await RunAsync(args);
        AssertExit(5, result);

        var runs = await RunAsync("runs", SampleWorkspace.GeneratedReport, "--limit", "1");
        var newest = runs.StdOut.Split('\n').First(l => l.Contains("enqueued", StringComparison.Ordinal) || l.Contains("running", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(newest, "[0-9a-f]{12}").Value;
        Assert.NotEqual(string.Empty, token);
        Assert.Contains($"modesharp: started run {token} of report {SampleWorkspace.GeneratedReport}", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut.Trim()); // standard output carries data only
    }
}
