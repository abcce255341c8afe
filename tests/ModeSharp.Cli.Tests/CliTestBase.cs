using ModeSharp.Emulator;

namespace ModeSharp.Cli.Tests;

/// <summary>
/// Each test gets its own emulator on a loopback port (so switches never leak between tests) and runs
/// <c>modesharp</c> as a child process against it, with credentials in the environment as a user would.
/// </summary>
public abstract class CliTestBase : IAsyncLifetime
{
    // Distinctive, so a leak anywhere in the output is unmistakable.
    protected const string Secret = "s3cr3t-Zq9-never-print-me";

    protected ModeEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Emulator = await ModeEmulator.StartAsync(new EmulatorOptions { Secret = Secret, RunDuration = RunDuration });

    /// <summary>How long the emulator's new runs take: short, so commands that wait for one finish quickly.</summary>
    protected virtual TimeSpan RunDuration => TimeSpan.FromMilliseconds(50);

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    protected Dictionary<string, string?> Environment(string? secret = Secret) => new()
    {
        ["MODE_TOKEN"] = Emulator.Token,
        ["MODE_SECRET"] = secret,
        ["MODE_WORKSPACE"] = Emulator.Workspace,
        ["MODE_BASE_URL"] = Emulator.BaseAddress.ToString(),
    };

    protected async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(args, Environment());
        Assert.DoesNotContain(Secret, result.AllOutput, StringComparison.Ordinal);
        return result;
    }

    protected static void AssertExit(int expected, CliResult result) =>
        Assert.True(expected == result.ExitCode, $"expected exit {expected}, got {result.ExitCode}\nstdout:\n{result.StdOut}\nstderr:\n{result.StdErr}");
}
