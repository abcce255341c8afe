using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Cli.Output;

/// <summary>
/// Writes a frame as JSON with typed values: numbers for integer, double and decimal (decimal digits
/// exact), booleans, ISO 8601 strings for dates and timestamps, <c>null</c> for missing. JSON has no
/// NaN or infinity, so those doubles are written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </summary>
internal static class JsonFrameWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Text cells keep their characters readable (é stays é); the output is a data file, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="lines">true for JSON Lines (one object per line), false for one array of objects.</param>
    public static async Task WriteAsync(DataFrame frame, IReadOnlyList<CsvColumnType> kinds, Stream output, bool lines, CancellationToken cancellationToken)
    {
        var names = frame.Columns.Select(c => JsonEncodedText.Encode(c.Name, Options.Encoder)).ToArray();
        var writeCell = new Action<Utf8JsonWriter, long>[frame.Columns.Count];
        for (var i = 0; i < writeCell.Length; i++)
        {
            writeCell[i] = CellWriter(frame.Columns[i], kinds[i]);
        }

        await using var writer = new Utf8JsonWriter(output, Options);
        if (!lines) writer.WriteStartArray();
        for (long row = 0; row < frame.Rows.Count; row++)
        {
            writer.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                writer.WritePropertyName(names[i]);
                writeCell[i](writer, row);
            }
            writer.WriteEndObject();
            if (lines)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.WriteByte((byte)'\n');
                writer.Reset(output);
            }
            else if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        if (!lines)
        {
            writer.WriteEndArray();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            output.WriteByte((byte)'\n');
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Action<Utf8JsonWriter, long> CellWriter(DataFrameColumn column, CsvColumnType kind) => column switch
    {
        BooleanDataFrameColumn c => (w, r) => { if (c[r] is { } v) w.WriteBooleanValue(v); else w.WriteNullValue(); },
        Int64DataFrameColumn c => (w, r) => { if (c[r] is { } v) w.WriteNumberValue(v); else w.WriteNullValue(); },
        DecimalDataFrameColumn c => (w, r) => { if (c[r] is { } v) w.WriteNumberValue(v); else w.WriteNullValue(); },
        DoubleDataFrameColumn c => (w, r) =>
        {
            if (c[r] is not { } v) w.WriteNullValue();
            else if (double.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteStringValue(double.IsNaN(v) ? "NaN" : CellText.Double(v));
        },
        _ => TextCell(CellText.For(column, kind)),
    };

    private static Action<Utf8JsonWriter, long> TextCell(Func<long, string?> cell) => (w, r) =>
    {
        if (cell(r) is { } text) w.WriteStringValue(text); else w.WriteNullValue();
    };
}
