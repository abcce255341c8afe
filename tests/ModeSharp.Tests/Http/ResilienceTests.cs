using System.Net;
using System.Net.Sockets;
using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Http;

public class ResilienceTests
{
    [Fact]
    public async Task Server_errors_are_retried_until_an_answer_comes()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var client = Emulated.Client(emulator, o => o.LoggerFactory = logs);
        emulator.Switches.FailNextRequests(2, 503);

        var report = await client.Reports.GetAsync(SampleWorkspace.LegoReport);

        Assert.Equal(SampleWorkspace.LegoReport, report.Token);
        Assert.Equal(0, emulator.Switches.FailingRequestsRemaining);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("retry", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task Transient_statuses_are_retried(int status)
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        emulator.Switches.FailNextRequests(1, status);

        var runs = await client.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync();

        Assert.NotEmpty(runs);
    }

    [Fact]
    public async Task A_lasting_outage_fails_after_the_configured_retries_with_the_status_and_attempts()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator, o => o.Retry.MaxRetries = 2);
        emulator.Switches.FailNextRequests(10, 503);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync(SampleWorkspace.LegoReport));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.True(error.IsServerError);
        Assert.True(error.IsTransient);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(7, emulator.Switches.FailingRequestsRemaining);
        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        emulator.Switches.FailNextRequests(2, status);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync(SampleWorkspace.LegoReport));

        Assert.Equal(status, (int)error.Status!);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, emulator.Switches.FailingRequestsRemaining);
    }

    [Fact]
    public async Task Creating_a_run_is_not_retried_after_a_server_error()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var before = (await client.Runs.ListAsync(SampleWorkspace.GeneratedReport).ToListAsync()).Count;
        emulator.Switches.FailNextRequests(1, 503);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Runs.CreateAsync(SampleWorkspace.GeneratedReport));
        var after = (await client.Runs.ListAsync(SampleWorkspace.GeneratedReport).ToListAsync()).Count;

        Assert.Equal(1, error.Attempts);
        Assert.Equal("POST", error.Method);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Creating_a_run_is_retried_after_a_429_and_starts_exactly_one_run()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator);
        var before = (await client.Runs.ListAsync(SampleWorkspace.GeneratedReport).ToListAsync()).Count;
        emulator.Switches.FailNextRequests(2, 429);

        var run = await client.Runs.CreateAsync(SampleWorkspace.GeneratedReport);
        var after = (await client.Runs.ListAsync(SampleWorkspace.GeneratedReport).ToListAsync()).Count;

        Assert.Equal("enqueued", run.State.Value);
        Assert.Equal(0, emulator.Switches.FailingRequestsRemaining);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task A_429_storm_is_ridden_out_by_honouring_retry_after()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RateLimit = true;
        emulator.Switches.RateLimitRequests = 3;
        emulator.Switches.RateLimitWindow = TimeSpan.FromMilliseconds(500);
        var logs = new CapturingLoggerFactory();
        var client = Emulated.Client(emulator, o =>
        {
            o.LoggerFactory = logs;
            o.Retry.MaxRetries = 5;
            o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2);
        });

        // Eight calls against a budget of three per half second: the rest must wait as told and then succeed.
        var reports = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Reports.GetAsync(SampleWorkspace.LegoReport)));

        Assert.All(reports, r => Assert.Equal(SampleWorkspace.LegoReport, r.Token));
        Assert.Contains(logs.Lines, l => l.Contains("429", StringComparison.Ordinal) && l.Contains("retry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_is_reported_instead_of_waited_for()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.RateLimit = true;
        emulator.Switches.RateLimitRequests = 1;
        emulator.Switches.RateLimitWindow = TimeSpan.FromMinutes(5);
        var client = Emulated.Client(emulator, o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(1));
        await client.Reports.GetAsync(SampleWorkspace.LegoReport);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync(SampleWorkspace.LegoReport));

        Assert.True(error.IsRateLimited);
        Assert.Equal(1, error.Attempts);
        Assert.NotNull(error.RetryAfter);
        Assert.True(error.RetryAfter > TimeSpan.FromSeconds(1));
        Assert.Contains("40 requests per 10 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_host_is_a_network_failure_naming_the_request()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // Nothing listens there now: connections are refused.
        var client = new ModeClient(new ModeClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Workspace = "ws",
            Credentials = new ModeCredentials("t", "s"),
            Retry = new ModeRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) },
        });

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync("abc"));

        Assert.Equal(ModeFailureKind.Network, error.Kind);
        Assert.Null(error.Status);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("abc", error.ReportToken);
        Assert.Contains("MODE_BASE_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_the_request_timeout_is_a_timeout_failure()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.ResponseDelay = TimeSpan.FromSeconds(30);
        var client = Emulated.Client(emulator, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(100);
            o.Retry.MaxRetries = 1;
        });

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Workspace.GetAsync());

        Assert.Equal(ModeFailureKind.Timeout, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_wrapped_or_retried()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        emulator.Switches.ResponseDelay = TimeSpan.FromSeconds(30);
        var client = Emulated.Client(emulator);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Workspace.GetAsync(cancel.Token));
    }
}
