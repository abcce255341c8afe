using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ModeSharp.Http;

/// <summary>
/// Builds the Polly retry pipelines: for idempotent requests, 408, 429, 5xx and transient network failures; for
/// requests that are not idempotent (creating a run), only 429, which the server answers before doing anything.
/// Jittered exponential backoff, <c>Retry-After</c> honoured up to <see cref="ModeRetryOptions.MaxRetryAfter"/>.
/// </summary>
internal static class RetryPolicy
{
    public static ResiliencePipeline<HttpResponseMessage> Create(ModeRetryOptions options, TimeProvider timeProvider, ILogger logger, bool refusalsOnly = false)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries <= 0)
        {
            return builder.Build();
        }

        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(refusalsOnly
                ? args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests && ShouldRetry(args.Outcome, options, timeProvider)
                : ShouldRetry(args.Outcome, options, timeProvider)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, timeProvider) : null),
            OnRetry = args =>
            {
                var request = args.Outcome.Result?.RequestMessage;
                var reason = args.Outcome.Result is { } r
                    ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + r.ReasonPhrase
                    : args.Outcome.Exception?.GetType().Name ?? "unknown";
                Log.Retrying(
                    logger,
                    request?.Method.Method ?? "GET",
                    request?.RequestUri is { } uri ? Redaction.SafePath(uri) : "(request)",
                    reason,
                    args.AttemptNumber + 1,
                    (long)args.RetryDelay.TotalMilliseconds);
                args.Outcome.Result?.Dispose();
                return default;
            },
        });
        return builder.Build();
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ModeRetryOptions options, TimeProvider timeProvider)
    {
        if (outcome.Exception is { } exception)
        {
            return IsTransient(exception);
        }

        if (outcome.Result is not { } response || !IsRetryableStatus(response.StatusCode))
        {
            return false;
        }

        // A server asking for a longer pause than we are willing to wait gets an error, not a hammering.
        return RetryAfter(response, timeProvider) is not { } wait || wait <= options.MaxRetryAfter;
    }

    internal static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    internal static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or TimeoutException or IOException;

    /// <summary>The server's <c>Retry-After</c> as a delay: seconds (also fractional) or an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        // Headers .NET could not parse (e.g. "1.5") are still worth honouring.
        if (response.Headers.TryGetValues("Retry-After", out var values))
        {
            return Parse(values.FirstOrDefault(), timeProvider);
        }

        return null;
    }

    internal static TimeSpan? Parse(string? value, TimeProvider timeProvider)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= 0 || double.IsNaN(seconds) ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
