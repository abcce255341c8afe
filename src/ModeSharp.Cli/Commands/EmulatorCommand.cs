using System.CommandLine;
using ModeSharp.Emulator;

namespace ModeSharp.Cli.Commands;

/// <summary><c>modesharp emulator [--urls URL]</c>: serves the sample workspace until stopped.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Address to listen on (loopback only is recommended).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("emulator", "Serve the Mode-compatible sample workspace (token sample-token, secret sample-secret) until Ctrl+C.")
        {
            urls,
        };
        command.SetAction((parseResult, _) =>
            ModeEmulator.RunStandaloneAsync(["--urls", parseResult.GetValue(urls)!]));
        return command;
    }
}
