using Microsoft.Extensions.Logging;
using ModeSharp.Runs;

namespace ModeSharp;

/// <summary>
/// Settings for a <see cref="ModeClient"/>. The client copies them when it is created, so changing an
/// options object afterwards does not change a client that already exists.
/// </summary>
public sealed class ModeClientOptions
{
    /// <summary>Name of the environment variable holding the workspace (organization) user name.</summary>
    public const string WorkspaceVariable = "MODE_WORKSPACE";

    /// <summary>Name of the environment variable holding an alternative base address (e.g. the emulator).</summary>
    public const string BaseUrlVariable = "MODE_BASE_URL";

    /// <summary>Mode's public address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://app.mode.com/");

    /// <summary>The default of <see cref="ReadAheadBytes"/>: 1 MiB.</summary>
    public const int DefaultReadAheadBytes = 1 << 20;

    /// <summary>
    /// Host to talk to. Defaults to <c>https://app.mode.com/</c>; the legacy <c>https://modeanalytics.com/</c>
    /// and the emulator (<c>http://127.0.0.1:port/</c>) work too. Plain HTTP is accepted only for loopback addresses.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The workspace (organization) user name, the <c>{ws}</c> in <c>/api/{ws}/...</c>. Required.</summary>
    public string? Workspace { get; set; }

    /// <summary>The API token and secret. Required.</summary>
    public ModeCredentials? Credentials { get; set; }

    /// <summary>How idempotent requests are retried. <c>POST</c> (creating a run) is never retried.</summary>
    public ModeRetryOptions Retry { get; set; } = new();

    /// <summary>How <see cref="Api.RunsClient.WaitForCompletionAsync(string, string, RunWaitOptions?, IProgress{RunProgress}?, CancellationToken)"/> polls.</summary>
    public RunWaitOptions RunWait { get; set; } = new();

    /// <summary>Limit for one attempt of an API call, body included. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Limit for an export (result download) to start answering. Mode can take minutes to prepare a large
    /// export, so the default is 15 minutes. Reading the body afterwards is bounded by <see cref="ReadIdleTimeout"/> instead.
    /// </summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Longest silence tolerated while reading an export body. A download that keeps delivering bytes is never cut
    /// off, however long it takes. Default 5 minutes.
    /// </summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far, in decoded bytes, an export body is read ahead of the caller. A background task reads the socket,
    /// gunzips and checks the body while the caller (the CSV reader) parses what came before, so download, decoding
    /// and parsing overlap on separate cores. The read-ahead is bounded: at most this many bytes wait in memory,
    /// whatever the export's size. Values below 8 KiB are raised to 8 KiB. 0 turns it off (the body is read and
    /// decoded on the caller's thread, inside each read). Default 1 MiB.
    /// </summary>
    public int ReadAheadBytes { get; set; } = DefaultReadAheadBytes;

    /// <summary>Largest report-level ZIP held in memory to read its entries (ZIP directories sit at the end). Default 1 GiB.</summary>
    public long MaxZipBytes { get; set; } = 1L << 30;

    /// <summary>Redirects followed per request. Credentials are re-sent only to the same scheme, host and port.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Product token sent as <c>User-Agent</c>; <c>ModeSharp/{version}</c> is appended.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Where the client logs requests, retries and waits. Never given the secret.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Clock for timeouts, backoff and deadlines. Replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Options from <c>MODE_TOKEN</c>, <c>MODE_SECRET</c>, <c>MODE_WORKSPACE</c> and, when set, <c>MODE_BASE_URL</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A required variable is missing or <c>MODE_BASE_URL</c> is not an absolute URL.</exception>
    public static ModeClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    internal static ModeClientOptions FromEnvironment(Func<string, string?> getVariable)
    {
        var options = new ModeClientOptions { Credentials = ModeCredentials.FromEnvironment(getVariable) };
        var workspace = getVariable(WorkspaceVariable);
        if (string.IsNullOrWhiteSpace(workspace))
        {
            throw new InvalidOperationException(
                "MODE_WORKSPACE is not set. Set it to the workspace name from your Mode URLs (app.mode.com/<workspace>/reports/...).");
        }

        options.Workspace = workspace.Trim();
        var baseUrl = getVariable(BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri))
            {
                throw new InvalidOperationException($"MODE_BASE_URL '{baseUrl}' is not an absolute URL such as https://app.mode.com/.");
            }

            options.BaseAddress = uri;
        }

        return options;
    }

    internal ModeClientOptions Clone() => new()
    {
        BaseAddress = BaseAddress,
        Workspace = Workspace,
        Credentials = Credentials,
        Retry = Retry.Clone(),
        RunWait = RunWait.Clone(),
        RequestTimeout = RequestTimeout,
        ExportTimeout = ExportTimeout,
        ReadIdleTimeout = ReadIdleTimeout,
        MaxZipBytes = MaxZipBytes,
        ReadAheadBytes = ReadAheadBytes,
        MaxRedirects = MaxRedirects,
        UserAgent = UserAgent,
        LoggerFactory = LoggerFactory,
        TimeProvider = TimeProvider,
    };
}

/// <summary>Retries of idempotent requests on 408, 429, 5xx and transient network failures.</summary>
public sealed class ModeRetryOptions
{
    /// <summary>Retries after the first attempt. 0 turns retries off. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; later ones grow exponentially with jitter. Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest computed backoff delay. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest <c>Retry-After</c> the client will wait for. A server asking for longer is not retried: the
    /// <see cref="ModeApiException"/> carries <see cref="ModeApiException.RetryAfter"/> so the caller can decide. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    internal ModeRetryOptions Clone() => (ModeRetryOptions)MemberwiseClone();
}
