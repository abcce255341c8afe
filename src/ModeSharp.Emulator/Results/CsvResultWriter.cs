using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ModeSharp.Emulator.Workspace;
using SQLitePCL;

namespace ModeSharp.Emulator.Results;

/// <summary>
/// Streams a query result as RFC 4180 CSV straight from SQLite: a header row, then one record per row, fields
/// quoted only when they hold a comma, quote, CR or LF. Types stay recognisable: integers as integers, doubles in
/// shortest round-trip invariant form, dates as yyyy-MM-dd, timestamps, booleans and NULL per <see cref="CsvFormat"/>.
/// Text is copied as the UTF-8 bytes SQLite holds, without decoding.
/// </summary>
internal static class CsvResultWriter
{
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);
    private const int FlushThreshold = 250 * 1024;
    private const int SmallValue = 64;

    public static async Task WriteAsync(IResultRows result, CsvFormat format, Stream destination, CancellationToken cancellationToken)
    {
        using var output = new Utf8Output(destination, 256 * 1024);
        var newline = format.Crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        if (format.Bom)
        {
            output.Write([0xEF, 0xBB, 0xBF]);
        }

        for (var i = 0; i < result.FieldCount; i++)
        {
            var name = Encoding.UTF8.GetBytes(result.Names[i]);
            await output.EnsureAsync(MaxTextBytes(name.Length) + 8, cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteText(output, name, format);
        }

        output.Write(newline);
        var kinds = result.Kinds.ToArray();
        var cursor = new Cursor();
        while (!Fill(result, kinds, output, format, newline, cursor))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await output.EnsureAsync(cursor.Needed, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where <see cref="Fill"/> stopped: in the middle of a row when a value did not fit the buffer.</summary>
    private sealed class Cursor
    {
        public bool InRow;
        public int Column;
        public int Needed;
    }

    /// <summary>
    /// Writes rows into the buffer until it is nearly full (false: flush and call again, it resumes where it
    /// stopped) or the rows end (true). Synchronous and fully optimized from the first call: this loop is the
    /// export's hot path, and an async method's loop would run unoptimized code for a whole first export.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Fill(IResultRows rows, ColumnKind[] kinds, Utf8Output output, CsvFormat format, byte[] newline, Cursor cursor)
    {
        var count = kinds.Length;
        var small = SmallValue + format.NullBytes.Length + newline.Length + 1;
        while (true)
        {
            if (!cursor.InRow)
            {
                if (output.Used >= FlushThreshold)
                {
                    cursor.Needed = 0;
                    return false;
                }

                if (!rows.Step())
                {
                    return true;
                }

                cursor.InRow = true;
                cursor.Column = 0;
            }

            for (var i = cursor.Column; i < count; i++)
            {
                var type = rows.Type(i);
                var need = type is raw.SQLITE_TEXT or raw.SQLITE_BLOB ? Math.Max(MaxTextBytes(rows.Utf8(i).Length) * 2, TemporalText.MaxBytes) + small : small;
                if (output.Free.Length < need)
                {
                    cursor.Column = i;
                    cursor.Needed = need;
                    return false;
                }

                if (i > 0)
                {
                    output.Write(","u8);
                }

                switch (type)
                {
                    case raw.SQLITE_NULL:
                        output.Write(format.NullBytes);
                        break;
                    case raw.SQLITE_INTEGER:
                        WriteInteger(output, rows.Int64(i), kinds[i], format);
                        break;
                    case raw.SQLITE_FLOAT:
                        WriteDouble(output, rows.Double(i), kinds[i], format);
                        break;
                    case raw.SQLITE_TEXT:
                        var text = rows.Utf8(i);
                        if (kinds[i] == ColumnKind.Timestamp && TemporalText.TryRewriteTimestamp(text, format.Timestamps, output.Free, out var written))
                        {
                            output.Advance(written);
                        }
                        else
                        {
                            WriteText(output, text, format);
                        }

                        break;
                    default:
                        // Base64 is 4/3 of the bytes: within the room reserved above.
                        var blob = rows.Utf8(i);
                        output.Advance(Encoding.ASCII.GetBytes(Convert.ToBase64String(blob), output.Free));
                        break;
                }
            }

            output.Write(newline);
            cursor.InRow = false;
        }
    }

    // Worst case: every byte a quote, doubled, plus the enclosing quotes.
    private static int MaxTextBytes(int length) => (length * 2) + 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteInteger(Utf8Output output, long value, ColumnKind kind, CsvFormat format)
    {
        switch (kind)
        {
            case ColumnKind.Boolean:
                output.Write(format.Booleans == CsvBooleanFormat.TF
                    ? (value != 0 ? "t"u8 : "f"u8)
                    : (value != 0 ? "true"u8 : "false"u8));
                return;
            case ColumnKind.Date when value is > -62135596800 and < 253402300800:
                output.Advance(TemporalText.WriteDate(output.Free, TemporalText.FromUnixSeconds(value)));
                return;
            case ColumnKind.Timestamp when value is > -62135596800 and < 253402300800:
                output.Advance(TemporalText.WriteTimestamp(output.Free, TemporalText.FromUnixSeconds(value), format.Timestamps));
                return;
            default:
                value.TryFormat(output.Free, out var written, default, CultureInfo.InvariantCulture);
                output.Advance(written);
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDouble(Utf8Output output, double value, ColumnKind kind, CsvFormat format)
    {
        if (kind == ColumnKind.Timestamp && value is > -62135596800 and < 253402300800)
        {
            output.Advance(TemporalText.WriteTimestamp(output.Free, TemporalText.FromUnixSeconds(value), format.Timestamps));
            return;
        }

        // Shortest text that parses back to the same double, invariant culture ("R" semantics).
        value.TryFormat(output.Free, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Writes UTF-8 text, quoted only when it must be. The caller ensured room for <see cref="MaxTextBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteText(Utf8Output output, ReadOnlySpan<byte> text, CsvFormat format)
    {
        // With NULL written as an empty field, an empty string is quoted so the two stay distinct;
        // likewise a text equal to the NULL marker.
        if (text.IsEmpty)
        {
            if (format.NullBytes.Length == 0)
            {
                output.Write("\"\""u8);
            }

            return;
        }

        if (text.IndexOfAny(NeedsQuoting) < 0 && (format.NullBytes.Length == 0 || !text.SequenceEqual(format.NullBytes)))
        {
            output.Write(text);
            return;
        }

        output.Write("\""u8);
        var rest = text;
        while (true)
        {
            var quote = rest.IndexOf((byte)'"');
            if (quote < 0)
            {
                output.Write(rest);
                break;
            }

            output.Write(rest[..(quote + 1)]);
            output.Write("\""u8);
            rest = rest[(quote + 1)..];
        }

        output.Write("\""u8);
    }
}
