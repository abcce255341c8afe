using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModeSharp.Emulator;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Extensions;

public class AddModeClientTests
{
    [Fact]
    public async Task A_client_from_configuration_and_IHttpClientFactory_talks_to_mode()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mode:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["Mode:Workspace"] = emulator.Workspace,
            ["Mode:Token"] = emulator.Token,
            ["Mode:Secret"] = emulator.Secret,
            ["Mode:Retry:MaxRetries"] = "1",
            ["Mode:Retry:BaseDelay"] = "00:00:00.001",
            ["Mode:RunWait:Timeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddModeClient(configuration.GetSection("Mode"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ModeClient>();
        emulator.Switches.FailNextRequests(1, 503);
        var run = await client.Runs.GetLatestSuccessfulAsync(SampleWorkspace.LegoReport);

        Assert.Equal(emulator.Workspace, client.WorkspaceName);
        Assert.True(run.State.IsSuccess);
    }

    [Fact]
    public void Configuration_binding_reads_timeouts_retry_and_falls_back_to_the_environment_for_secrets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workspace"] = "acme",
            ["ExportTimeout"] = "00:30:00",
            ["Retry:MaxRetries"] = "7",
            ["ReadAheadBytes"] = "262144",
        }).Build();
        var options = new ModeClientOptions();

        ModeServiceCollectionExtensions.Bind(configuration, options, name => name switch
        {
            "MODE_TOKEN" => "tok",
            "MODE_SECRET" => "sec",
            "MODE_BASE_URL" => "http://127.0.0.1:5080",
            _ => null,
        });

        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.BaseAddress);
        Assert.Equal("acme", options.Workspace);
        Assert.Equal(TimeSpan.FromMinutes(30), options.ExportTimeout);
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Equal(262_144, options.ReadAheadBytes);
        Assert.Equal("tok", options.Credentials!.Token);
    }
}
