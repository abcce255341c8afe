using System.Globalization;
using ModeSharp.Runs;
using Spectre.Console;

namespace ModeSharp.Cli.Output;

/// <summary>
/// Shows what a long command is doing (waiting on a run, downloading) on standard error, and only when standard
/// error is a terminal: pipes and logs stay clean, and standard output carries only data.
/// </summary>
internal sealed class TerminalProgress
{
    private StatusContext? _status;
    private IAnsiConsole? _console;
    private string? _startedRun;

    public IProgress<RunProgress> Runs => new Progress<RunProgress>(p =>
        _status?.Status(string.Create(CultureInfo.InvariantCulture,
            $"run {p.RunToken} is {p.State.Value} after {p.Elapsed.TotalSeconds:F0} s; checks: {p.Checks}")));

    /// <summary>
    /// Says once, on standard error, which run a command has started: a run goes on in Mode when the command is
    /// interrupted or times out, and its token is how to find it again (<c>modesharp runs REPORT</c>). Not progress
    /// chatter, so it is said on pipes too.
    /// </summary>
    public void RunStarted(string reportToken, string runToken)
    {
        if (_startedRun == runToken) return;
        _startedRun = runToken;
        string line = $"modesharp: started run {runToken} of report {reportToken}";
        if (_console is { } console) console.WriteLine(line);
        else Console.Error.WriteLine(line);
    }

    /// <summary>Run progress that first says which run was started (for a run the command itself started).</summary>
    public IProgress<RunProgress> StartedRuns => new SynchronousProgress(p =>
    {
        RunStarted(p.ReportToken, p.RunToken);
        Runs.Report(p);
    });

    public IProgress<long> Download => new Progress<long>(bytes =>
        _status?.Status(string.Create(CultureInfo.InvariantCulture, $"reading results: {bytes / 1_000_000.0:F1} MB")));

    public static async Task<T> RunAsync<T>(string what, Func<TerminalProgress, Task<T>> work)
    {
        var progress = new TerminalProgress();
        if (Console.IsErrorRedirected)
        {
            return await work(progress).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(what, async context =>
        {
            progress._status = context;
            progress._console = console;
            try
            {
                return await work(progress).ConfigureAwait(false);
            }
            finally
            {
                progress._status = null;
                progress._console = null;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Reports on the caller's thread: the run token must be out before a cancellation can end the command.</summary>
    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
