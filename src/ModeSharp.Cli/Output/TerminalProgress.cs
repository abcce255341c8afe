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

    public IProgress<RunProgress> Runs => new Progress<RunProgress>(p =>
        _status?.Status(string.Create(CultureInfo.InvariantCulture,
            $"run {p.RunToken} is {p.State.Value} after {p.Elapsed.TotalSeconds:F0} s; checks: {p.Checks}")));

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
            try
            {
                return await work(progress).ConfigureAwait(false);
            }
            finally
            {
                progress._status = null;
            }
        }).ConfigureAwait(false);
    }
}
