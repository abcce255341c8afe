using System.Globalization;

namespace ModeSharp.Results;

/// <summary>
/// While a column's type is undecided the reader must be able to give back every cell's exact text (a late promotion
/// to text or decimal loses nothing). Most typed cells are written in the one form their value prints back to —
/// <c>42</c>, <c>1234.50</c>, <c>2024-01-31</c>, <c>2024-01-31T09:30:00Z</c>, <c>true</c> — so instead of the text the
/// reader keeps a one- or two-byte marker saying how to print the stored value back, character for character.
/// Anything else (<c>-0</c>, exponents, wide numbers, offsets, <c>TRUE</c>, …) keeps its text.
/// </summary>
internal static class CanonicalText
{
    /// <summary>Markers share the length byte of <see cref="RawCells"/>: lengths below <see cref="FirstMarker"/> are plain cells.</summary>
    public const byte FirstMarker = 0xE0;

    public const byte Integer = 0xE0;           // the value's invariant integer text
    private const byte FractionBase = 0xE0;     // 0xE1..0xF6: a decimal with 1..22 fraction digits
    public const byte Date = 0xF7;              // yyyy-MM-dd
    public const byte Timestamp = 0xF8;         // followed by a layout byte
    public const byte True = 0xF9;
    public const byte False = 0xFA;

    /// <summary>The marker of a canonical decimal with <paramref name="fractionDigits"/> (1..22) digits after the point.</summary>
    public static byte Fraction(int fractionDigits) => (byte)(FractionBase + fractionDigits);

    private const int MaxFractionDigits = 22;
    private const int MaxDigits = 15;           // every digit string of up to 15 digits survives a round trip through a double

    private static readonly string[] FractionFormats = Enumerable.Range(0, MaxFractionDigits + 1).Select(k => new string('0', Math.Max(1, k))).ToArray();

    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The marker for a cell of this kind when its text is the value's canonical form, or 0 to keep the text.</summary>
    public static byte Describe(CellKind kind, ReadOnlySpan<char> cell, out byte layout)
    {
        layout = 0;
        switch (kind)
        {
            case CellKind.Integer:
                return cell.Length == 2 && cell[0] == '-' && cell[1] == '0' ? (byte)0 : Integer; // "-0" prints back as "0"
            case CellKind.Double:
                return DescribeFraction(cell);
            case CellKind.Date:
                return Date;
            case CellKind.TimestampLocal or CellKind.TimestampUtc:
                return DescribeTimestamp(cell, out layout);
            case CellKind.Boolean:
                return cell is "true" ? True : cell is "false" ? False : (byte)0;
            default:
                return 0;
        }
    }

    private static byte DescribeFraction(ReadOnlySpan<char> cell)
    {
        // Inferred numbers have no leading zeros (bar a single "0."), so the text is sign, digits, point, k digits.
        int dot = cell.IndexOf('.');
        if (dot < 0 || cell.ContainsAny('e', 'E')) return 0;
        int k = cell.Length - dot - 1;
        int digits = cell.Length - 1 - (cell[0] == '-' ? 1 : 0);
        return k is >= 1 and <= MaxFractionDigits && digits <= MaxDigits ? (byte)(FractionBase + k) : (byte)0;
    }

    private static byte DescribeTimestamp(ReadOnlySpan<char> s, out byte layout)
    {
        // yyyy-MM-dd{T| }HH:mm[:ss[.f{1,9}]][Z]; offsets keep their text (the value is stored in UTC).
        layout = 0;
        int i = 16;
        int fraction = 0;
        bool seconds = s.Length > 16 && s[16] == ':';
        if (seconds)
        {
            i = 19;
            if (s.Length > 19 && s[19] == '.')
            {
                i = 20;
                while (i < s.Length && (uint)(s[i] - '0') <= 9) i++;
                fraction = i - 20;
                if (fraction > 9) return 0;
            }
        }

        bool zulu = i == s.Length - 1 && s[i] == 'Z';
        if (i != s.Length && !zulu) return 0;
        layout = (byte)((s[10] == 'T' ? 1 : 0) | (seconds ? 2 : 0) | (zulu ? 4 : 0) | (fraction << 3));
        return Timestamp;
    }

    /// <summary>
    /// Prints a marked cell back into <paramref name="destination"/> (at least 40 chars) and returns its length.
    /// <paramref name="slotIsDouble"/>: the column's slots hold doubles (integers were promoted in place).
    /// </summary>
    public static int Format(byte marker, byte layout, long slot, bool slotIsDouble, Span<char> destination)
    {
        var inv = CultureInfo.InvariantCulture;
        int n;
        switch (marker)
        {
            case Integer:
                long value = slotIsDouble ? (long)BitConverter.Int64BitsToDouble(slot) : slot;
                value.TryFormat(destination, out n, default, inv);
                return n;
            case Date:
                new DateTime(slot).TryFormat(destination, out n, "yyyy'-'MM'-'dd", inv);
                return n;
            case Timestamp:
                return FormatTimestamp(layout, slot, destination);
            case True:
                "true".CopyTo(destination);
                return 4;
            case False:
                "false".CopyTo(destination);
                return 5;
            default: // a fraction of k digits: the double is within half a unit of the k-th digit of m / 10^k, so m comes back exactly
                int k = marker - FractionBase;
                double d = BitConverter.Int64BitsToDouble(slot);
                long m = (long)Math.Round(Math.Abs(d) * PowersOfTen[k]);
                long scale = (long)PowersOfTen[k];
                n = 0;
                if (double.IsNegative(d)) destination[n++] = '-';
                (m / scale).TryFormat(destination[n..], out int w, default, inv);
                n += w;
                destination[n++] = '.';
                (m % scale).TryFormat(destination[n..], out w, FractionFormats[k], inv);
                return n + w;
        }
    }

    private static int FormatTimestamp(byte layout, long ticks, Span<char> destination)
    {
        var inv = CultureInfo.InvariantCulture;
        var time = new DateTime(ticks);
        time.TryFormat(destination, out int n, (layout & 1) != 0 ? "yyyy'-'MM'-'dd'T'HH':'mm" : "yyyy'-'MM'-'dd' 'HH':'mm", inv);
        if ((layout & 2) != 0)
        {
            destination[n++] = ':';
            time.Second.TryFormat(destination[n..], out int w, "00", inv);
            n += w;
            int fraction = layout >> 3;
            if (fraction > 0)
            {
                destination[n++] = '.';
                // 7 digits of 100 ns; digits beyond the 7th were zeros (anything else is never a timestamp).
                Span<char> digits = stackalloc char[9];
                digits.Fill('0');
                (ticks % TimeSpan.TicksPerSecond).TryFormat(digits, out _, "0000000", inv);
                digits[..fraction].CopyTo(destination[n..]);
                n += fraction;
            }
        }

        if ((layout & 4) != 0) destination[n++] = 'Z';
        return n;
    }
}
