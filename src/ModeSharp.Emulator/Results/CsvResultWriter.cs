using System.Buffers;
using System.Globalization;
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
    private const int FlushThreshold = 60 * 1024;
    private const int SmallValue = 64;

    public static async Task WriteAsync(IResultRows result, CsvFormat format, Stream destination, CancellationToken cancellationToken)
    {
        using var output = new Utf8Output(destination);
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
        var count = kinds.Length;
        while (result.Step())
        {
            for (var i = 0; i < count; i++)
            {
                if (output.Free.Length < SmallValue + format.NullBytes.Length)
                {
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (i > 0)
                {
                    output.Write(","u8);
                }

                switch (result.Type(i))
                {
                    case raw.SQLITE_NULL:
                        output.Write(format.NullBytes);
                        break;
                    case raw.SQLITE_INTEGER:
                        WriteInteger(output, result.Int64(i), kinds[i], format);
                        break;
                    case raw.SQLITE_FLOAT:
                        WriteDouble(output, result.Double(i), kinds[i], format);
                        break;
                    case raw.SQLITE_TEXT:
                        var text = result.Utf8(i);
                        if (kinds[i] == ColumnKind.Timestamp && TemporalText.TryRewriteTimestamp(text, format.Timestamps, output.Free, out var written))
                        {
                            output.Advance(written);
                            break;
                        }

                        if (output.Free.Length < MaxTextBytes(text.Length))
                        {
                            // Copy out first: the span is only valid until the next step, which an await does not cause,
                            // but a flush needs the buffer the value would be written to.
                            var copy = text.ToArray();
                            await output.EnsureAsync(MaxTextBytes(copy.Length), cancellationToken).ConfigureAwait(false);
                            WriteText(output, copy, format);
                        }
                        else
                        {
                            WriteText(output, text, format);
                        }

                        break;
                    default:
                        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(result.Utf8(i)));
                        await output.EnsureAsync(base64.Length, cancellationToken).ConfigureAwait(false);
                        output.Write(base64);
                        break;
                }
            }

            output.Write(newline);
            if (output.Used >= FlushThreshold)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Worst case: every byte a quote, doubled, plus the enclosing quotes.
    private static int MaxTextBytes(int length) => (length * 2) + 2;

    private static void WriteInteger(Utf8Output output, long value, ColumnKind kind, CsvFormat format)
    {
        switch (kind)
        {
            case ColumnKind.Boolean:
                output.Write(format.Booleans == CsvBooleanFormat.TF
                    ? (value != 0 ? "t"u8 : "f"u8)
                    : (value != 0 ? "true"u8 : "false"u8));
                return;
            case ColumnKind.Date:
                Format(output, TemporalText.FromUnixSeconds(value), TemporalText.DatePattern);
                return;
            case ColumnKind.Timestamp:
                Format(output, TemporalText.FromUnixSeconds(value), TemporalText.TimestampPattern(format.Timestamps));
                return;
            default:
                value.TryFormat(output.Free, out var written, default, CultureInfo.InvariantCulture);
                output.Advance(written);
                return;
        }
    }

    private static void WriteDouble(Utf8Output output, double value, ColumnKind kind, CsvFormat format)
    {
        if (kind == ColumnKind.Timestamp && Math.Abs(value) < 1e11)
        {
            Format(output, TemporalText.FromUnixSeconds(value), TemporalText.TimestampPattern(format.Timestamps));
            return;
        }

        // Shortest text that parses back to the same double, invariant culture ("R" semantics).
        value.TryFormat(output.Free, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private static void Format(Utf8Output output, DateTime value, string pattern)
    {
        value.TryFormat(output.Free, out var written, pattern, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Writes UTF-8 text, quoted only when it must be. The caller ensured room for <see cref="MaxTextBytes"/>.</summary>
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
