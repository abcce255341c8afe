using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace ModeSharp.Emulator.Results;

/// <summary>Date and timestamp text shared by the CSV and JSON exporters.</summary>
internal static class TemporalText
{
    public const string IsoPattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
    public const string SqlPattern = "yyyy'-'MM'-'dd' 'HH':'mm':'ss";
    public const string DatePattern = "yyyy'-'MM'-'dd";

    /// <summary>The most bytes <see cref="TryRewriteTimestamp"/> writes.</summary>
    public const int MaxBytes = 40;

    public static string TimestampPattern(CsvTimestampFormat format) => format == CsvTimestampFormat.Iso ? IsoPattern : SqlPattern;

    /// <summary>
    /// Rewrites stored timestamp text (SQLite's <c>yyyy-MM-dd HH:mm:ss[.fff]</c>, UTC) into <paramref name="destination"/>
    /// in the requested format. The common shapes are rewritten byte by byte, which keeps million-row exports fast;
    /// anything else is parsed. False when the text is not a timestamp at all (it is then written as it is).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRewriteTimestamp(ReadOnlySpan<byte> stored, CsvTimestampFormat format, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < MaxBytes)
        {
            return false;
        }

        if ((stored.Length == 19 || (stored.Length == 23 && stored[19] == (byte)'.')) && stored[10] == (byte)' ')
        {
            if (format == CsvTimestampFormat.Sql)
            {
                stored[..19].CopyTo(destination);
                written = 19;
                return true;
            }

            stored[..10].CopyTo(destination);
            destination[10] = (byte)'T';
            stored[11..].CopyTo(destination[11..]);
            written = stored.Length;
            var suffix = stored.Length == 19 ? ".000Z"u8 : "Z"u8;
            suffix.CopyTo(destination[written..]);
            written += suffix.Length;
            return true;
        }

        if (stored.Length > 64)
        {
            return false;
        }

        if (DateTime.TryParse(Encoding.UTF8.GetString(stored), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.TryFormat(destination, out written, TimestampPattern(format), CultureInfo.InvariantCulture);
        }

        return false;
    }

    /// <summary>Writes <c>yyyy-MM-dd</c>; returns the bytes written (10). Hand-rolled: custom format strings cost more than the rest of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int WriteDate(Span<byte> destination, DateTime value)
    {
        Digits4(destination, value.Year);
        destination[4] = (byte)'-';
        Digits2(destination[5..], value.Month);
        destination[7] = (byte)'-';
        Digits2(destination[8..], value.Day);
        return 10;
    }

    /// <summary>Writes a UTC timestamp as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> or <c>yyyy-MM-dd HH:mm:ss</c>; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int WriteTimestamp(Span<byte> destination, DateTime value, CsvTimestampFormat format)
    {
        WriteDate(destination, value);
        destination[10] = format == CsvTimestampFormat.Iso ? (byte)'T' : (byte)' ';
        Digits2(destination[11..], value.Hour);
        destination[13] = (byte)':';
        Digits2(destination[14..], value.Minute);
        destination[16] = (byte)':';
        Digits2(destination[17..], value.Second);
        if (format != CsvTimestampFormat.Iso)
        {
            return 19;
        }

        destination[19] = (byte)'.';
        var ms = value.Millisecond;
        destination[20] = (byte)('0' + (ms / 100));
        Digits2(destination[21..], ms % 100);
        destination[23] = (byte)'Z';
        return 24;
    }

    private static void Digits2(Span<byte> d, int value)
    {
        d[0] = (byte)('0' + (value / 10));
        d[1] = (byte)('0' + (value % 10));
    }

    private static void Digits4(Span<byte> d, int value)
    {
        Digits2(d, value / 100);
        Digits2(d[2..], value % 100);
    }

    /// <summary>Unix seconds as UTC.</summary>
    public static DateTime FromUnixSeconds(double seconds) => DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
}
