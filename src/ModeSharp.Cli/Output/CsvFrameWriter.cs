using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Cli.Output;

/// <summary>
/// Writes a frame as RFC 4180 CSV (comma, CRLF-free LF records, minimal quoting). A null is an empty
/// field; an empty string is a quoted <c>""</c>, so the two stay distinguishable.
/// </summary>
internal static class CsvFrameWriter
{
    public static async Task WriteAsync(DataFrame frame, IReadOnlyList<CsvColumnType> kinds, TextWriter output, CancellationToken cancellationToken)
    {
        var cells = new Func<long, string?>[frame.Columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = CellText.For(frame.Columns[i], kinds[i]);
        }

        var line = new System.Text.StringBuilder();
        for (var i = 0; i < frame.Columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            AppendField(line, frame.Columns[i].Name);
        }
        await output.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);

        for (long row = 0; row < frame.Rows.Count; row++)
        {
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) line.Append(',');
                if (cells[i](row) is { } text) AppendField(line, text);
            }
            await output.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static void AppendField(System.Text.StringBuilder line, string text)
    {
        if (text.Length > 0 && text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
