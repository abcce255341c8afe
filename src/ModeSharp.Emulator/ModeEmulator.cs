using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModeSharp.Emulator.Http;
using ModeSharp.Emulator.State;
using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator;

/// <summary>
/// A Mode-compatible HTTP server with the sample workspace, running in this process on a loopback port.
/// Start it with <see cref="StartAsync"/>, point a client at <see cref="BaseAddress"/> with
/// <see cref="Token"/> and <see cref="Secret"/>, flip <see cref="Switches"/> to inject Mode's quirks and faults,
/// and dispose it to stop.
/// </summary>
public sealed class ModeEmulator : IAsyncDisposable
{
    /// <summary>Environment variable overriding the standalone emulator's API token.</summary>
    public const string TokenVariable = "MODE_EMULATOR_TOKEN";

    /// <summary>Environment variable overriding the standalone emulator's API secret.</summary>
    public const string SecretVariable = "MODE_EMULATOR_SECRET";

    /// <summary>Environment variable naming a directory with a workspace.json to serve instead of the sample.</summary>
    public const string WorkspaceDirectoryVariable = "MODE_EMULATOR_WORKSPACE_DIR";

    /// <summary>Environment variable setting the run clock in milliseconds.</summary>
    public const string RunDurationVariable = "MODE_EMULATOR_RUN_MS";

    /// <summary>Environment variable setting the export cache's size in bytes (0 turns it off).</summary>
    public const string ExportCacheVariable = "MODE_EMULATOR_EXPORT_CACHE_BYTES";

    /// <summary>Environment variable holding initial switches as JSON, as posted to <c>/_emulator/switches</c>.</summary>
    public const string SwitchesVariable = "MODE_EMULATOR_SWITCHES";

    private readonly WebApplication _app;

    private ModeEmulator(WebApplication app, Uri baseAddress, EmulatorOptions options, EmulatorContext context)
    {
        _app = app;
        BaseAddress = baseAddress;
        Workspace = context.Ws;
        Token = options.Token;
        Secret = options.Secret;
        Switches = context.Switches;
        ExportCache = context.ExportCache;
    }

    /// <summary>The stored compressed exports (tests look at what it holds).</summary>
    internal ExportCache ExportCache { get; }

    /// <summary>The emulator's root address, for example <c>http://127.0.0.1:41234/</c>. The API is under <c>api/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The workspace user name served, <c>modeanalytics</c> for the sample.</summary>
    public string Workspace { get; }

    /// <summary>The API token (HTTP Basic user name) this emulator accepts.</summary>
    public string Token { get; }

    /// <summary>The API secret (HTTP Basic password) this emulator accepts.</summary>
    public string Secret { get; }

    /// <summary>This instance's switches; changes apply to requests that start afterwards.</summary>
    public EmulatorSwitches Switches { get; }

    /// <summary>Starts the emulator on a free loopback port (<c>http://127.0.0.1:0</c>) and returns once it accepts requests.</summary>
    /// <param name="options">Credentials, workspace, run clock and initial switches; defaults when null.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="InvalidDataException">The workspace file or its data is invalid; the message says where.</exception>
    public static async Task<ModeEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var (app, context) = Build(builder, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ModeEmulator(app, new Uri(address.TrimEnd('/') + "/"), options, context);
    }

    /// <summary>
    /// Runs the emulator until the process is stopped (Ctrl+C), honouring <c>--urls</c> (default
    /// <c>http://127.0.0.1:5080</c>) and the <c>MODE_EMULATOR_*</c> environment variables.
    /// </summary>
    /// <param name="args">Command-line arguments, as ASP.NET Core reads them.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunStandaloneAsync(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = OptionsFromEnvironment();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            await Console.Error.WriteLineAsync($"modesharp emulator: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        var (app, context) = Build(builder, options);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"modesharp emulator: cannot listen: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        // The default secret is public (documented, like the sample data); a secret the user chose is never printed.
        var secret = options.Secret == EmulatorOptions.DefaultSecret ? options.Secret : $"<the value of {SecretVariable}>";
        Console.WriteLine($"Mode emulator serving workspace '{context.Ws}' at {address}");
        Console.WriteLine($"Point a client at it with: MODE_BASE_URL={address} MODE_WORKSPACE={context.Ws} MODE_TOKEN={options.Token} MODE_SECRET={secret}");
        Console.WriteLine($"Try: curl --compressed -u {options.Token}:{(options.Secret == EmulatorOptions.DefaultSecret ? options.Secret : "<secret>")} {address}/api/{context.Ws}/reports/{SampleWorkspace.LegoReport}/runs");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static EmulatorOptions OptionsFromEnvironment()
    {
        var options = new EmulatorOptions();
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            options.Token = token;
        }

        if (Environment.GetEnvironmentVariable(SecretVariable) is { Length: > 0 } secret)
        {
            options.Secret = secret;
        }

        if (Environment.GetEnvironmentVariable(WorkspaceDirectoryVariable) is { Length: > 0 } directory)
        {
            options.WorkspaceDirectory = directory;
        }

        if (Environment.GetEnvironmentVariable(RunDurationVariable) is { Length: > 0 } runMs)
        {
            options.RunDuration = TimeSpan.FromMilliseconds(Number(RunDurationVariable, runMs));
        }

        if (Environment.GetEnvironmentVariable(ExportCacheVariable) is { Length: > 0 } cacheBytes)
        {
            options.ExportCacheBytes = (long)Number(ExportCacheVariable, cacheBytes, integer: true);
        }

        if (Environment.GetEnvironmentVariable(SwitchesVariable) is { Length: > 0 } switchesJson)
        {
            var settings = JsonSerializer.Deserialize(switchesJson, SwitchJsonContext.Default.SwitchSettings)
                ?? throw new JsonException($"{SwitchesVariable} is null");
            settings.ApplyTo(options.Switches);
        }

        return options;
    }

    /// <summary>A variable's value as a number of at least zero, or an error that names the variable.</summary>
    private static double Number(string variable, string text, bool integer = false)
    {
        var style = integer ? NumberStyles.Integer : NumberStyles.Float;
        if (!double.TryParse(text, style, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            throw new FormatException($"{variable} must be {(integer ? "a whole number" : "a number")} of at least 0 (no units); got '{text}'.");
        }

        return value;
    }

    private static (WebApplication App, EmulatorContext Context) Build(WebApplicationBuilder builder, EmulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Token);
        ArgumentException.ThrowIfNullOrEmpty(options.Secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RunDuration, TimeSpan.Zero);
        var source = options.WorkspaceDirectory is { Length: > 0 } dir ? WorkspaceSource.FromDirectory(dir) : WorkspaceSource.Embedded;
        var definition = source.ReadDefinition();
        var database = SampleDatabase.For(source, definition);
        var workspace = new WorkspaceState(definition, database, options);
        var switches = new EmulatorSwitches();
        switches.CopyFrom(options.Switches);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExportCacheBytes);
        var context = new EmulatorContext(workspace, switches, options.Token, options.Secret, options.ExportCacheBytes);

        // Exports are large: let Kestrel keep more than its default 64 KB in flight before a write waits on the socket.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxResponseBufferSize = 1024 * 1024);
        var app = builder.Build();
        var gate = new ApiGate(context);
        app.Use(gate.InvokeAsync);
        AdminRoutes.Map(app, context);
        ApiRoutes.Map(app, context);
        return (app, context);
    }

    /// <summary>Stops the server; in-flight exports are cut off.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
