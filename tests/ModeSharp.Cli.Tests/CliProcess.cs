using System.Diagnostics;

namespace ModeSharp.Cli.Tests;

/// <summary>The outcome of one <c>modesharp</c> process.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string AllOutput => StdOut + "\n" + StdErr;
}

/// <summary>
/// Runs the built <c>modesharp</c> as a child process, the way a user's shell would: its own
/// environment, standard output and error captured, and an exit code. The environment starts
/// empty of MODE_* variables so that the developer's own credentials never leak into a test.
/// </summary>
internal static class CliProcess
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "ModeSharp.Cli.dll");

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MODE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        if (environment is not null)
        {
            foreach (var (name, value) in environment) start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard only: no test depends on how long the process takes.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"modesharp {string.Join(' ', args)} did not finish within 3 minutes");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
