using System.Text;
using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Http;

public class SecurityTests
{
    [Fact]
    public async Task Wrong_credentials_get_a_401_that_says_to_check_MODE_TOKEN_and_MODE_SECRET()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var client = Emulated.Client(emulator, o => o.Credentials = new ModeCredentials(emulator.Token, "not-the-secret"));

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.Reports.GetAsync(SampleWorkspace.LegoReport));

        Assert.True(error.IsUnauthorized);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("unauthorized", error.ErrorId);
        Assert.Contains("MODE_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("MODE_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_never_appears_in_logs_or_errors_across_failures()
    {
        const string secret = "sample-secret-5f3a9c";
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { Secret = secret });
        var logs = new CapturingLoggerFactory();
        var texts = new List<string>();
        var good = Emulated.Client(emulator, o => { o.LoggerFactory = logs; o.Retry.MaxRetries = 1; });
        var wrongSecret = secret + "-wrong";
        var bad = Emulated.Client(emulator, o => { o.LoggerFactory = logs; o.Credentials = new ModeCredentials(emulator.Token, wrongSecret); });

        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e)
            {
                texts.Add(e.ToString());
                if (e is ModeException mode)
                {
                    texts.Add(mode.Message);
                }
            }
        }

        await Capture(() => bad.Workspace.GetAsync());
        await Capture(() => good.Reports.GetAsync("000000000000"));
        emulator.Switches.FailNextRequests(5, 503);
        await Capture(() => good.Runs.ListAsync(SampleWorkspace.LegoReport).ToListAsync());
        emulator.Switches.FailNextRequests(0);
        await Capture(() => good.Runs.GetLatestAsync(SampleWorkspace.FailedNewestReport));
        await Capture(() => good.Runs.GetLatestAsync(SampleWorkspace.InProgressReport));
        emulator.Switches.RedirectExports = true;
        emulator.Switches.TruncateBodies = true;
        await Capture(async () =>
        {
            var run = await good.Runs.GetLatestSuccessfulAsync(SampleWorkspace.DiamondsReport);
            await using var results = await good.Results.OpenRunCsvAsync(SampleWorkspace.DiamondsReport, run.Token!);
            await using var table = results.Entries[0].Open();
            await table.CopyToAsync(Stream.Null);
        });
        emulator.Switches.RateLimit = true;
        emulator.Switches.RateLimitRequests = 1;
        emulator.Switches.RateLimitWindow = TimeSpan.FromMinutes(1);
        await Capture(() => Task.WhenAll(good.Workspace.GetAsync(), good.Workspace.GetAsync(), good.Workspace.GetAsync()));
        texts.Add(good.ToString());
        texts.Add(bad.ToString());

        Assert.True(texts.Count >= 8, $"expected a failure from each scenario, got {texts.Count}");
        Assert.NotEmpty(logs.Lines);
        var everything = logs.AllText + "\n" + string.Join("\n", texts);
        foreach (var s in new[] { secret, wrongSecret })
        {
            Assert.DoesNotContain(s, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(emulator.Token + ":" + s)), everything, StringComparison.Ordinal);
        }
    }
}
