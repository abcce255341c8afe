using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ModeSharp.Emulator.Http;

/// <summary>
/// Runs before every API request: the response delay, injected failures, HTTP Basic authentication and the
/// rate limit, in that order. The storage path skips authentication (it is signed, like presigned storage).
/// </summary>
internal sealed class ApiGate(EmulatorContext emulator)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        var isApi = path.StartsWithSegments("/api", StringComparison.Ordinal);
        var isStorage = path.StartsWithSegments("/_storage", StringComparison.Ordinal);
        var isAdmin = path.StartsWithSegments("/_emulator/switches", StringComparison.Ordinal);
        if (!isApi && !isStorage && !isAdmin)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var switches = emulator.Switches;
        if (!isAdmin)
        {
            var delay = switches.ResponseDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, emulator.Workspace.Time, context.RequestAborted).ConfigureAwait(false);
            }

            var failure = switches.TryTakeFailure();
            if (failure != 0)
            {
                await ApiResponses.ErrorAsync(context, failure, ErrorId(failure), $"injected failure (emulator switch FailNextRequests): HTTP {failure.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
                return;
            }
        }

        if (isStorage)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!TryReadCredentials(context, out var user, out var password) || !emulator.CredentialsMatch(user, password))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Mode API\"";
            await ApiResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized: send the API token and secret with HTTP Basic authentication").ConfigureAwait(false);
            return;
        }

        if (!isAdmin && switches.RateLimit)
        {
            var limit = switches.RateLimitRequests;
            var wait = emulator.RateLimiter.TryAcquire(Encoding.UTF8.GetString(user), limit, switches.RateLimitWindow, out var remaining);
            context.Response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            if (wait is { } w)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiResponses.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "too_many_requests", "Too many API request").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static string ErrorId(int status) => status switch
    {
        500 => "internal_server_error",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        429 => "too_many_requests",
        408 => "request_timeout",
        _ => "error",
    };

    private static bool TryReadCredentials(HttpContext context, out byte[] user, out byte[] password)
    {
        user = password = [];
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = Array.IndexOf(decoded, (byte)':');
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
