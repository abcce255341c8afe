using System.Net;

namespace ModeSharp;

/// <summary>
/// Base of ModeSharp's errors about Mode: <see cref="ModeApiException"/> (a request failed) and
/// <see cref="ModeRunException"/> (a run is not usable). Both name the report and run involved.
/// </summary>
public abstract class ModeException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The report token involved, when known.</summary>
    public string? ReportToken { get; init; }

    /// <summary>The report run token involved, when known.</summary>
    public string? RunToken { get; init; }

    /// <summary>The query run token involved, when known.</summary>
    public string? QueryRunToken { get; init; }
}

/// <summary>What went wrong with a request.</summary>
public enum ModeFailureKind
{
    /// <summary>Mode answered with an error status (see <see cref="ModeApiException.Status"/>).</summary>
    HttpStatus,

    /// <summary>Mode could not be reached or the connection broke before an answer.</summary>
    Network,

    /// <summary>No answer within the configured timeout.</summary>
    Timeout,

    /// <summary>The body ended early: length mismatch, broken compression or a reset mid-stream.</summary>
    IncompleteBody,

    /// <summary>The answer could not be understood (not the JSON or ZIP it claimed to be).</summary>
    InvalidResponse,

    /// <summary>The client refused to send the request (for example credentials over plain HTTP).</summary>
    Refused,
}

/// <summary>
/// A request to Mode failed. Carries the HTTP status, Mode's error <c>id</c> and <c>message</c>, the
/// method and path (never a secret), and <c>Retry-After</c> when the server sent one.
/// </summary>
public sealed class ModeApiException : ModeException
{
    internal ModeApiException(string message, ModeFailureKind kind, string method, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Method = method;
        Path = path;
    }

    /// <summary>What kind of failure this is.</summary>
    public ModeFailureKind Kind { get; }

    /// <summary>The HTTP status Mode answered with, or <see langword="null"/> when there was no answer.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>Mode's error id, e.g. <c>not_found</c>, <c>unauthorized</c>, <c>bad_request</c>.</summary>
    public string? ErrorId { get; init; }

    /// <summary>Mode's error message, e.g. <c>report not found</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>HTTP method of the failed request.</summary>
    public string Method { get; }

    /// <summary>Path of the failed request, e.g. <c>/api/acme/reports/abc/runs</c>, with any sensitive query values masked.</summary>
    public string Path { get; }

    /// <summary>How long the server asked to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Attempts made, retries included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>401: the token or secret was rejected.</summary>
    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;

    /// <summary>403: the credentials are valid but may not do this.</summary>
    public bool IsForbidden => Status == HttpStatusCode.Forbidden;

    /// <summary>404: the workspace, report, run or query run does not exist (or is not visible).</summary>
    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>429: rate limited.</summary>
    public bool IsRateLimited => Status == HttpStatusCode.TooManyRequests;

    /// <summary>5xx: Mode failed.</summary>
    public bool IsServerError => Status is { } s && (int)s >= 500;

    /// <summary>Trying again later may succeed (408, 429, 5xx, network failures, timeouts).</summary>
    public bool IsTransient => Kind is ModeFailureKind.Network or ModeFailureKind.Timeout
        || IsServerError || IsRateLimited || Status == HttpStatusCode.RequestTimeout;
}
