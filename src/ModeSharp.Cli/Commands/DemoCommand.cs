using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ModeSharp.Cli.Output;
using ModeSharp.Emulator;
using Spectre.Console;

namespace ModeSharp.Cli.Commands;

/// <summary>
/// <c>modesharp demo</c>: the main job end to end with no Mode account. Starts the emulator in this process on a
/// free loopback port and reads the latest successful run of the LEGO report into a frame over real HTTP.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "How many rows to show.", DefaultValueFactory = _ => 10 };
        rows.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--rows cannot be negative."); });
        var command = new Command("demo", "Start the bundled Mode emulator and read the latest successful run of the sample LEGO report into a DataFrame.") { rows };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            await using var emulator = await ModeEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var client = new ModeClient(new ModeClientOptions
            {
                BaseAddress = emulator.BaseAddress,
                Workspace = emulator.Workspace,
                Credentials = new ModeCredentials(emulator.Token, emulator.Secret),
            });
            var console = Tables.StdOut;
            console.MarkupLine($"[grey]Mode emulator on {emulator.BaseAddress} (workspace {emulator.Workspace}); reading report {SampleWorkspace.LegoReport} over HTTP…[/]");

            var lego = await client.ReadReportAsync(SampleWorkspace.LegoReport, cancellationToken: cancellationToken).ConfigureAwait(false);

            console.WriteLine();
            console.WriteLine(lego.ToString());
            console.WriteLine();
            var kinds = lego.Specification.Columns.Select(c => c.Type).ToList();
            TableFrameWriter.Write(console, lego.Frame, kinds, lego.Specification.Columns.Select(c => c.TypeName).ToList(), parseResult.GetValue(rows));
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]Done in {clock.Elapsed.TotalSeconds:F1} s. With a Mode account: set MODE_TOKEN, MODE_SECRET and MODE_WORKSPACE, then run 'modesharp export <report>'.[/]"));
            return ExitCodes.Success;
        });
        return command;
    }
}
