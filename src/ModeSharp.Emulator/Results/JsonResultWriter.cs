using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModeSharp.Emulator.Workspace;
using SQLitePCL;

namespace ModeSharp.Emulator.Results;

/// <summary>
/// Streams a query result as Mode's <c>content.json</c>: an array of row objects keyed by column name with
/// native JSON types (timestamps as ISO 8601 strings with Z, dates as yyyy-MM-dd, booleans, NULL as null).
/// </summary>
internal static class JsonResultWriter
{
    private const int FlushThreshold = 60 * 1024;

    // Not HTML: no need to escape quotes, '<' or non-ASCII letters as \uXXXX.
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(IResultRows result, Stream destination, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(destination, Options);
        var names = result.Names.Select(n => JsonEncodedText.Encode(n, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        var kinds = result.Kinds.ToArray();
        var scratch = new byte[TemporalText.MaxBytes];
        w.WriteStartArray();
        while (!WriteRows(w, result, names, kinds, scratch))
        {
            await w.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        w.WriteEndArray();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes rows until the writer holds a buffer's worth (false) or the rows end (true); optimized from the first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool WriteRows(Utf8JsonWriter w, IResultRows result, JsonEncodedText[] names, ColumnKind[] kinds, byte[] scratch)
    {
        while (w.BytesPending < FlushThreshold)
        {
            if (!result.Step())
            {
                return true;
            }

            w.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                WriteValue(w, result, i, names[i], kinds[i], scratch);
            }

            w.WriteEndObject();
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteValue(Utf8JsonWriter w, IResultRows result, int i, JsonEncodedText name, ColumnKind kind, byte[] scratch)
    {
        switch (result.Type(i))
        {
            case raw.SQLITE_NULL:
                w.WriteNull(name);
                return;
            case raw.SQLITE_INTEGER:
                var value = result.Int64(i);
                switch (kind)
                {
                    case ColumnKind.Boolean:
                        w.WriteBoolean(name, value != 0);
                        return;
                    case ColumnKind.Date:
                        w.WriteString(name, TemporalText.FromUnixSeconds(value).ToString(TemporalText.DatePattern, CultureInfo.InvariantCulture));
                        return;
                    case ColumnKind.Timestamp:
                        w.WriteString(name, TemporalText.FromUnixSeconds(value).ToString(TemporalText.IsoPattern, CultureInfo.InvariantCulture));
                        return;
                    default:
                        w.WriteNumber(name, value);
                        return;
                }

            case raw.SQLITE_FLOAT:
                w.WriteNumber(name, result.Double(i));
                return;
            case raw.SQLITE_TEXT:
                var text = result.Utf8(i);
                if (kind == ColumnKind.Timestamp && TemporalText.TryRewriteTimestamp(text, CsvTimestampFormat.Iso, scratch, out var written))
                {
                    w.WriteString(name, scratch.AsSpan(0, written));
                    return;
                }

                w.WriteString(name, text);
                return;
            default:
                w.WriteBase64String(name, result.Utf8(i));
                return;
        }
    }
}
