using ModeSharp.Emulator;

namespace ModeSharp.Emulator.Tests;

public class EmulatorHostTests
{
    [Fact]
    public async Task Starts_on_a_loopback_port_and_answers_over_http()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        Assert.Equal("ok", await http.GetStringAsync("_emulator/health"));
    }
}
