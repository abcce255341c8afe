using System.Net;
using ModeSharp.Http;

namespace ModeSharp.Tests.Http;

public class RetryAfterTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void Retry_after_in_seconds_is_a_delay()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(response, Clock));
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_then()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Fri, 02 Jan 2026 03:04:35 GMT");

        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.RetryAfter(response, Clock));
    }

    [Fact]
    public void Retry_after_as_a_fractional_string_is_still_honoured()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "1.5");

        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryPolicy.RetryAfter(response, Clock));
    }

    [Fact]
    public void A_date_in_the_past_means_no_wait_and_garbage_means_no_header()
    {
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Parse("Thu, 01 Jan 2026 00:00:00 GMT", Clock));
        Assert.Null(RetryPolicy.Parse("soon", Clock));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void Only_408_429_and_5xx_are_retried(int status, bool retried)
    {
        Assert.Equal(retried, RetryPolicy.IsRetryableStatus((HttpStatusCode)status));
    }

    [Fact]
    public void A_retry_after_beyond_the_cap_is_not_retried()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "120");
        var options = new ModeRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(60) };

        Assert.False(RetryPolicy.ShouldRetry(Polly.Outcome.FromResult(response), options, Clock));
        response.Headers.Remove("Retry-After");
        response.Headers.TryAddWithoutValidation("Retry-After", "30");
        Assert.True(RetryPolicy.ShouldRetry(Polly.Outcome.FromResult(response), options, Clock));
    }
}
