using System.CommandLine;
using ModeSharp.Cli.Output;

namespace ModeSharp.Cli.Commands;

/// <summary>
/// <c>modesharp export REPORT …</c>: a report's results, typed, to standard output only. Nothing is written to
/// disk; redirect standard output if a file is what you want.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var read = new ReportReadArguments();
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (the first rows, for reading), csv (RFC 4180), json (one array of row objects) or jsonl (one object per line).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "csv", "json", "jsonl");
        var rows = new Option<int>("--rows") { Description = "With --format table: how many rows to show.", DefaultValueFactory = _ => 20 };
        rows.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--rows cannot be negative."); });

        var command = new Command("export", "Read a report's results into a typed frame and write it to standard output.");
        read.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(rows);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var result = await read.ReadAsync(parseResult, cancellationToken).ConfigureAwait(false);
            var kinds = result.Specification.Columns.Select(c => c.Type).ToList();
            switch (parseResult.GetValue(format))
            {
                case "csv":
                    await CsvFrameWriter.WriteAsync(result.Frame, kinds, Console.Out, cancellationToken).ConfigureAwait(false);
                    break;
                case "json":
                case "jsonl":
                    await using (var stdout = Console.OpenStandardOutput())
                    {
                        await JsonFrameWriter.WriteAsync(result.Frame, kinds, stdout, parseResult.GetValue(format) == "jsonl", cancellationToken).ConfigureAwait(false);
                    }
                    break;
                default:
                    await Console.Out.WriteLineAsync(result.ToString()).ConfigureAwait(false);
                    TableFrameWriter.Write(Tables.StdOut, result.Frame, kinds, result.Specification.Columns.Select(c => c.TypeName).ToList(), parseResult.GetValue(rows));
                    break;
            }
            return read.Finish(parseResult, result);
        });
        return command;
    }
}
