using System.CommandLine;
using System.Text.Json;
using ModeSharp.Cli.Output;

namespace ModeSharp.Cli.Commands;

/// <summary><c>modesharp schema REPORT …</c>: only the column specification of a report's results.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var read = new ReportReadArguments();
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (readr-style specification) or json ([{\"name\":…,\"type\":…}]).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("schema", "Print the column specification (names and types) of a report's results.");
        read.AddTo(command);
        command.Options.Add(format);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var result = await read.ReadAsync(parseResult, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(format) == "json")
            {
                await using var stdout = Console.OpenStandardOutput();
                await using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                writer.WriteStartArray();
                foreach (var column in result.Specification.Columns)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", column.Name);
                    writer.WriteString("type", column.TypeName);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                await Console.Out.WriteLineAsync(result.Specification.Format()).ConfigureAwait(false);
            }
            return read.Finish(parseResult, result);
        });
        return command;
    }
}
