using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ModeSharp.Emulator;

/// <summary>
/// A Mode-compatible HTTP server with the sample workspace, running in this process on a loopback port.
/// Start it with <see cref="StartAsync"/>, point a client at <see cref="BaseAddress"/>, dispose it to stop.
/// </summary>
public sealed class ModeEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModeEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The emulator's root address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the emulator on a free loopback port and returns once it accepts requests.</summary>
    public static async Task<ModeEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        MapRoutes(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        return new ModeEmulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Runs the emulator until the process is stopped, honouring <c>--urls</c>.</summary>
    public static async Task<int> RunStandaloneAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        MapRoutes(app);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/_emulator/health", () => "ok");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
