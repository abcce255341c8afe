namespace ModeSharp.Emulator;

/// <summary>
/// How an emulator instance starts: credentials, workspace, run clock and initial switches.
/// Every property has a default suited to local use and tests.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The default API token (HTTP Basic user name).</summary>
    public const string DefaultToken = "sample-token";

    /// <summary>The default API secret (HTTP Basic password).</summary>
    public const string DefaultSecret = "sample-secret";

    /// <summary>The API token clients must send as the HTTP Basic user name. Default <c>sample-token</c>.</summary>
    public string Token { get; set; } = DefaultToken;

    /// <summary>The API secret clients must send as the HTTP Basic password. Default <c>sample-secret</c>.</summary>
    public string Secret { get; set; } = DefaultSecret;

    /// <summary>
    /// The workspace user name served under <c>/api/{workspace}</c>.
    /// <see langword="null"/> keeps the name from the workspace file (<c>modeanalytics</c> for the sample).
    /// </summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// A directory holding a <c>workspace.json</c> (and the data files it names) to serve instead of the
    /// built-in sample workspace. <see langword="null"/> serves the sample embedded in the emulator.
    /// </summary>
    public string? WorkspaceDirectory { get; set; }

    /// <summary>
    /// How long a run created with <c>POST …/runs</c> stays <c>enqueued</c> before it finishes.
    /// <see cref="TimeSpan.Zero"/> finishes it on the next read; a long value keeps it enqueued. Default 200 ms.
    /// </summary>
    public TimeSpan RunDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Most bytes of gzip-compressed exports kept in memory, so that downloading a finished run's export again is
    /// served from memory (as Mode serves stored results) instead of being formatted and compressed again, which
    /// costs about a core per 100–130 MB/s of CSV. Only single-table CSV/JSON exports with gzip on are kept, once
    /// served whole; the least recently served goes first. 0 turns the cache off. Default 256 MiB
    /// (the 5-million-row generated report compresses to about 150 MB).
    /// </summary>
    public long ExportCacheBytes { get; set; } = DefaultExportCacheBytes;

    /// <summary>The default of <see cref="ExportCacheBytes"/>: 256 MiB.</summary>
    public const long DefaultExportCacheBytes = 256L * 1024 * 1024;

    /// <summary>The clock for run timing, run history and rate limiting. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Initial switch values. The emulator copies them into its own <see cref="ModeEmulator.Switches"/>,
    /// so one options object can start several emulators without them sharing switches.
    /// </summary>
    public EmulatorSwitches Switches { get; set; } = new();
}
