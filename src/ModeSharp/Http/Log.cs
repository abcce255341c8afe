using Microsoft.Extensions.Logging;

namespace ModeSharp.Http;

/// <summary>Every log line the client writes. Paths are redacted before they get here; secrets never do.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Method} {Path} answered {Status} (attempt {Attempt})")]
    public static partial void Answered(ILogger logger, string method, string path, int status, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "{Method} {Path} failed ({Reason}); retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string method, string path, string reason, int retry, long delayMs);

    [LoggerMessage(3, LogLevel.Debug, "{Method} {Path} redirected to {Target}; credentials sent: {CredentialsSent}")]
    public static partial void Redirected(ILogger logger, string method, string path, string target, bool credentialsSent);

    [LoggerMessage(4, LogLevel.Information, "Run {RunToken} of report {ReportToken} is {State} after {ElapsedMs} ms; next check in {DelayMs} ms")]
    public static partial void RunPolled(ILogger logger, string runToken, string reportToken, string state, long elapsedMs, long delayMs);

    [LoggerMessage(5, LogLevel.Warning, "{Path} served a page already seen (page {Page}); stopping there")]
    public static partial void PageRepeated(ILogger logger, string path, long page);

    [LoggerMessage(6, LogLevel.Warning, "{Method} {Path} failed: {Message}")]
    public static partial void Failed(ILogger logger, string method, string path, string message);

    [LoggerMessage(7, LogLevel.Information, "Created run {RunToken} of report {ReportToken} ({State})")]
    public static partial void RunCreated(ILogger logger, string runToken, string reportToken, string state);
}
