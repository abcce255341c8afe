using Microsoft.Data.Analysis;
using ModeSharp.Results;
using Spectre.Console;

namespace ModeSharp.Cli.Output;

/// <summary>Renders the first rows of a frame as a terminal table, each header showing its column type.</summary>
internal static class TableFrameWriter
{
    public static void Write(IAnsiConsole console, DataFrame frame, IReadOnlyList<CsvColumnType> kinds, IReadOnlyList<string> typeNames, int maxRows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        var cells = new Func<long, string?>[frame.Columns.Count];
        for (var i = 0; i < frame.Columns.Count; i++)
        {
            var header = $"{Markup.Escape(frame.Columns[i].Name)}\n[grey]<{typeNames[i]}>[/]";
            var column = new TableColumn(header);
            if (kinds[i] is CsvColumnType.Integer or CsvColumnType.Double or CsvColumnType.Decimal) column.RightAligned();
            table.AddColumn(column);
            cells[i] = CellText.For(frame.Columns[i], kinds[i]);
        }

        var shown = Math.Min(frame.Rows.Count, maxRows);
        for (long row = 0; row < shown; row++)
        {
            table.AddRow(cells.Select(cell => cell(row) is { } text ? Markup.Escape(text) : "[grey]NA[/]").ToArray());
        }
        if (frame.Rows.Count > shown)
        {
            table.Caption(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[grey]… {frame.Rows.Count - shown:N0} more rows (showing {shown:N0} of {frame.Rows.Count:N0}; --format csv|json|jsonl writes every row)[/]"));
        }
        console.Write(table);
    }
}
