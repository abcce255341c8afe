using ModeSharp.Emulator;
using ModeSharp.Runs;

namespace ModeSharp.Tests.Support;

/// <summary>Clients pointed at an emulator, with delays shrunk so tests never wait on wall time.</summary>
public static class Emulated
{
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static ModeClientOptions Options(ModeEmulator emulator, Action<ModeClientOptions>? configure = null)
    {
        var options = new ModeClientOptions
        {
            BaseAddress = emulator.BaseAddress,
            Workspace = emulator.Workspace,
            Credentials = new ModeCredentials(emulator.Token, emulator.Secret),
            Retry = new ModeRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromSeconds(2) },
            RunWait = new RunWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), Timeout = HangGuard },
            RequestTimeout = HangGuard,
            ExportTimeout = HangGuard,
            ReadIdleTimeout = HangGuard,
        };
        configure?.Invoke(options);
        return options;
    }

    public static ModeClient Client(ModeEmulator emulator, Action<ModeClientOptions>? configure = null) =>
        new(Options(emulator, configure));

    /// <summary>Reads a stream to its end as UTF-8 text.</summary>
    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>One emulator shared by tests that only read (they must not flip switches).</summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    public ModeEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await ModeEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedEmulatorDefinition : ICollectionFixture<SharedEmulator>
{
    public const string Name = "shared emulator";
}
