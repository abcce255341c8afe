using ModeSharp.Api;
using ModeSharp.Http;

namespace ModeSharp;

/// <summary>
/// Entry point to Mode's API for one workspace. Immutable and thread-safe: create one and share it.
/// Resource clients mirror Mode's nouns: <see cref="Workspace"/>, <see cref="Spaces"/>, <see cref="Reports"/>,
/// <see cref="Runs"/>, <see cref="QueryRuns"/> and <see cref="Results"/>.
/// </summary>
/// <example>
/// <code>
/// var client = ModeClient.FromEnvironment();                       // MODE_TOKEN, MODE_SECRET, MODE_WORKSPACE
/// var run = await client.Runs.GetLatestSuccessfulAsync("eb4fdefe37d8");
/// foreach (var queryRun in await client.QueryRuns.ListAsync(run))
/// {
///     await using var csv = await client.Results.OpenCsvAsync(queryRun);
///     // hand csv to a CSV reader
/// }
/// </code>
/// </example>
public sealed partial class ModeClient
{
    // One handler for every client that does not bring its own HttpClient: connections are pooled and
    // recycled (PooledConnectionLifetime), so DNS changes are seen and nothing needs disposing.
    private static readonly Lazy<HttpClient> SharedHttp = new(
        () => new HttpClient(ModeTransport.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan },
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ModeTransport _transport;

    /// <summary>Creates a client from options, using ModeSharp's own pooled HTTP handler.</summary>
    /// <exception cref="ArgumentException">The options are incomplete, or ask to send credentials over plain HTTP to a non-loopback host.</exception>
    public ModeClient(ModeClientOptions options)
        : this(SharedHttp.Value, options)
    {
    }

    /// <summary>Creates a client for <paramref name="workspace"/> on app.mode.com.</summary>
    public ModeClient(string workspace, ModeCredentials credentials)
        : this(new ModeClientOptions { Workspace = workspace, Credentials = credentials })
    {
    }

    /// <summary>
    /// Creates a client around a supplied <see cref="HttpClient"/> (for example from <c>IHttpClientFactory</c>), which
    /// the client does not dispose. Its <see cref="HttpClient.Timeout"/> still applies: set it to
    /// <see cref="Timeout.InfiniteTimeSpan"/> to let <see cref="ModeClientOptions.ExportTimeout"/> govern long exports.
    /// </summary>
    public ModeClient(HttpClient httpClient, ModeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var validated = Validate(options);
        _transport = new ModeTransport(httpClient, validated);
        Workspace = new WorkspaceClient(_transport);
        Spaces = new SpacesClient(_transport);
        Reports = new ReportsClient(_transport);
        QueryRuns = new QueryRunsClient(_transport);
        Runs = new RunsClient(_transport, Reports, QueryRuns);
        Results = new ResultsClient(_transport);
    }

    /// <summary>The host the client talks to.</summary>
    public Uri BaseAddress => _transport.BaseAddress;

    /// <summary>The workspace name used in every path.</summary>
    public string WorkspaceName => _transport.Workspace;

    /// <summary>The workspace itself.</summary>
    public WorkspaceClient Workspace { get; }

    /// <summary>Spaces (collections).</summary>
    public SpacesClient Spaces { get; }

    /// <summary>Reports and their queries.</summary>
    public ReportsClient Reports { get; }

    /// <summary>Report runs: list, get, create, wait, choose.</summary>
    public RunsClient Runs { get; }

    /// <summary>The query runs of a report run.</summary>
    public QueryRunsClient QueryRuns { get; }

    /// <summary>Result exports as streams.</summary>
    public ResultsClient Results { get; }

    /// <summary>
    /// A client configured from <c>MODE_TOKEN</c>, <c>MODE_SECRET</c>, <c>MODE_WORKSPACE</c> and optionally
    /// <c>MODE_BASE_URL</c>; <paramref name="configure"/> may adjust the options before the client is built.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is missing; the message names it.</exception>
    public static ModeClient FromEnvironment(Action<ModeClientOptions>? configure = null)
    {
        var options = ModeClientOptions.FromEnvironment();
        configure?.Invoke(options);
        return new ModeClient(options);
    }

    /// <summary>
    /// The primary handler ModeSharp wants under its <see cref="HttpClient"/>: no automatic redirects (the client
    /// follows them itself, sending credentials only to the same origin) and no automatic decompression (the client
    /// decodes and verifies gzip itself). <c>AddModeClient</c> uses it.
    /// </summary>
    public static HttpMessageHandler CreateHttpHandler() => ModeTransport.CreateHandler();

    /// <summary>Describes the client without its secret.</summary>
    public override string ToString() => $"ModeClient({BaseAddress}, workspace {WorkspaceName}, token {_transport.Options.Credentials!.Token})";

    private static ModeClientOptions Validate(ModeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        if (string.IsNullOrWhiteSpace(copy.Workspace))
        {
            throw new ArgumentException("ModeClientOptions.Workspace is required: the workspace name from your Mode URLs (app.mode.com/<workspace>/...), or set MODE_WORKSPACE.", nameof(options));
        }

        copy.Workspace = copy.Workspace.Trim();
        if (copy.Credentials is null)
        {
            throw new ArgumentException("ModeClientOptions.Credentials is required: the token and secret of a Mode API key (MODE_TOKEN and MODE_SECRET).", nameof(options));
        }

        if (copy.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"ModeClientOptions.BaseAddress '{copy.BaseAddress}' must be an absolute https:// URL such as https://app.mode.com/.", nameof(options));
        }

        if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            throw new ArgumentException(
                $"Refusing to send Mode credentials over plain HTTP to '{address.Host}'. Use https://, or http:// only for a loopback address such as the emulator (127.0.0.1).",
                nameof(options));
        }

        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            throw new ArgumentException("ModeClientOptions.BaseAddress must not contain user info; pass credentials through ModeClientOptions.Credentials.", nameof(options));
        }

        if (address.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(address.Query))
        {
            // Mode's links are host-absolute (/api/...), so a path prefix could not be kept for them: refuse it
            // rather than silently talking to the host's root.
            throw new ArgumentException(
                $"ModeClientOptions.BaseAddress '{address}' has a path; give only the scheme and host, such as https://app.mode.com/ (the workspace goes in ModeClientOptions.Workspace).",
                nameof(options));
        }

        copy.BaseAddress = new Uri(address.GetLeftPart(UriPartial.Authority) + "/");
        if (copy.Retry.MaxRetries < 0 || copy.Retry.BaseDelay < TimeSpan.Zero || copy.Retry.MaxDelay < TimeSpan.Zero || copy.Retry.MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("ModeClientOptions.Retry values must not be negative.", nameof(options));
        }

        if (copy.RequestTimeout <= TimeSpan.Zero && copy.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ModeClientOptions.RequestTimeout must be positive (or infinite).", nameof(options));
        }

        if (copy.ExportTimeout <= TimeSpan.Zero && copy.ExportTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ModeClientOptions.ExportTimeout must be positive (or infinite).", nameof(options));
        }

        if (copy.ReadAheadBytes < 0)
        {
            throw new ArgumentException("ModeClientOptions.ReadAheadBytes must not be negative (0 turns reading ahead off).", nameof(options));
        }

        return copy;
    }
}
