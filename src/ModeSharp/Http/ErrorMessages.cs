using System.Globalization;
using System.Net;

namespace ModeSharp.Http;

/// <summary>Messages for HTTP failures that say what failed, where, and what the user can do about it.</summary>
internal static class ErrorMessages
{
    public static string Describe(
        string method, string path, HttpStatusCode status, string? reason, string? errorId, string? errorMessage,
        ModeRequestContext context, string workspace, int attempts, TimeSpan? retryAfter, bool notRetried)
    {
        var code = (int)status;
        var detail = (errorId, errorMessage) switch
        {
            (null, null) => "",
            (null, var m) => ": " + m,
            (var i, null) => ": " + i,
            var (i, m) => $": {i}: {m}",
        };
        var statusText = string.Create(CultureInfo.InvariantCulture, $"{code} {reason ?? status.ToString()}{detail}");
        var tried = attempts > 1 ? string.Create(CultureInfo.InvariantCulture, $" after {attempts} attempts") : "";
        var request = $"{method} {path}";

        return code switch
        {
            401 => $"Mode rejected the credentials ({statusText}) for {request}. Check MODE_TOKEN and MODE_SECRET: they must be the token and secret of one API key with access to workspace '{workspace}'.",
            403 => $"Mode refused {request} for {context.Subject} ({statusText}): the API key is valid but may not do this. Check the key's access to workspace '{workspace}'; workspace API tokens cannot clone reports or send invites.",
            404 when string.Equals(errorMessage, "run results not found", StringComparison.OrdinalIgnoreCase) =>
                $"The results of {context.Subject} are gone ({statusText}, {request}): Mode purged them. Start a new run or use another run.",
            404 when string.Equals(errorMessage, "account not found", StringComparison.OrdinalIgnoreCase) =>
                $"Workspace '{workspace}' was not found ({statusText}, {request}). Check MODE_WORKSPACE (or --workspace): it is the name in app.mode.com/<workspace>/reports/…, and your API key must belong to it.",
            404 => $"{context.Subject} was not found in workspace '{workspace}' ({statusText}, {request}). Check the token{(context.RunToken is null ? "" : "s")} and that your API key can see it.",
            429 => $"Mode rate-limited {request} ({statusText}){tried}. Mode allows about 40 requests per 10 seconds per key{Wait(retryAfter)}.",
            >= 500 => $"Mode failed to answer {request} for {context.Subject} ({statusText}){tried}.{(notRetried ? " The request was not retried because it is not idempotent; check whether it took effect before repeating it." : " Try again later.")}",
            _ => $"{request} for {context.Subject} failed ({statusText}){tried}.",
        };
    }

    private static string Wait(TimeSpan? retryAfter) => retryAfter is { } wait
        ? string.Create(CultureInfo.InvariantCulture, $"; Mode asked to wait {wait.TotalSeconds:0.#} s before trying again")
        : "";
}
