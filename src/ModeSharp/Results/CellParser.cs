using System.Globalization;
using System.Runtime.CompilerServices;

namespace ModeSharp.Results;

/// <summary>
/// The typing rules for one cell, over spans, invariant culture, no allocation. The same functions decide a
/// column's type and convert its values, so a value the guess accepted can never fail to convert.
/// </summary>
internal static class CellParser
{
    /// <summary>Significant digits a double is trusted to keep exactly.</summary>
    private const int DoubleDigits = 15;

    /// <summary>Significant digits we accept as exact in a decimal (its mantissa holds 28 for every value).</summary>
    private const int DecimalDigits = 28;

    /// <summary>
    /// Classifies a non-empty cell. <paramref name="value"/> holds the value in the kind's slot form:
    /// 0/1 for booleans, the long for integers, the double's bits for doubles, ticks for dates and timestamps.
    /// </summary>
    public static CellKind Classify(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return CellKind.Text;
        }

        char c = s[0];
        if (IsDigit(c))
        {
            if (s.Length >= 10 && s[4] == '-')
            {
                if (s.Length == 10)
                {
                    return TryParseDate(s, out value) ? CellKind.Date : CellKind.Text;
                }

                return TryParseTimestamp(s, out value, out bool zoned)
                    ? (zoned ? CellKind.TimestampUtc : CellKind.TimestampLocal)
                    : CellKind.Text;
            }

            return ClassifyNumber(s, allowLeadingZeros: false, out value);
        }

        switch (c)
        {
            case '-':
                if (s.Length > 1 && s[1] == 'I')
                {
                    return IsNonFinite(s, out value) ? CellKind.NonFinite : CellKind.Text;
                }

                return ClassifyNumber(s, allowLeadingZeros: false, out value);
            case 't' or 'T' or 'f' or 'F':
                if (TryParseBoolean(s, out bool b))
                {
                    value = b ? 1 : 0;
                    return CellKind.Boolean;
                }

                return CellKind.Text;
            case 'N' or 'I':
                return IsNonFinite(s, out value) ? CellKind.NonFinite : CellKind.Text;
            default:
                return CellKind.Text;
        }
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        value = false;
        switch (s.Length)
        {
            case 1:
                char c = (char)(s[0] | 0x20);
                if (c == 't') { value = true; return true; }
                return c == 'f';
            case 4:
                if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
                return false;
            case 5:
                return s.Equals("false", StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private static bool IsNonFinite(ReadOnlySpan<char> s, out long bits)
    {
        double d;
        if (s is "NaN") d = double.NaN;
        else if (s is "Inf" or "Infinity") d = double.PositiveInfinity;
        else if (s is "-Inf" or "-Infinity") d = double.NegativeInfinity;
        else { bits = 0; return false; }
        bits = BitConverter.DoubleToInt64Bits(d);
        return true;
    }

    /// <summary>
    /// Numbers: <c>-?digits(.digits)?([eE][+-]?digits)?</c>. A leading zero followed by another digit makes the cell
    /// text (ids, postal codes) unless <paramref name="allowLeadingZeros"/> (a user's override) says otherwise.
    /// </summary>
    public static CellKind ClassifyNumber(ReadOnlySpan<char> s, bool allowLeadingZeros, out long value)
    {
        value = 0;
        int i = 0;
        int len = s.Length;
        bool negative = s[0] == '-';
        if (negative) i = 1;

        int intStart = i;
        while (i < len && IsDigit(s[i])) i++;
        int intDigits = i - intStart;
        if (intDigits == 0) return CellKind.Text;
        if (!allowLeadingZeros && intDigits > 1 && s[intStart] == '0') return CellKind.Text;

        if (i == len)
        {
            return ClassifyInteger(s, negative, s.Slice(intStart, intDigits), out value);
        }

        int fracStart = -1, fracDigits = 0;
        if (s[i] == '.')
        {
            i++;
            fracStart = i;
            while (i < len && IsDigit(s[i])) i++;
            fracDigits = i - fracStart;
            if (fracDigits == 0) return CellKind.Text;
        }

        if (i < len && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < len && (s[i] == '+' || s[i] == '-')) i++;
            int expStart = i;
            while (i < len && IsDigit(s[i])) i++;
            if (i == expStart) return CellKind.Text;
        }

        if (i != len) return CellKind.Text;

        var intPart = s.Slice(intStart, intDigits);
        var fracPart = fracStart < 0 ? default : s.Slice(fracStart, fracDigits);
        int significant = SignificantDigits(intPart, fracPart);
        bool exponent = i != (fracStart < 0 ? intStart + intDigits : fracStart + fracDigits);
        if (exponent || !TryParseShortDecimal(intPart, fracPart, negative, out double d))
        {
            d = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        value = BitConverter.DoubleToInt64Bits(d);
        // Subnormals (below 2.2250738585072014E-308) keep fewer than 15 digits: they too would be rounded.
        bool lossy = significant > DoubleDigits || !double.IsFinite(d) || (d == 0 && significant > 0) || Math.Abs(d) < SmallestNormal && d != 0;
        return lossy ? CellKind.DoubleWide : CellKind.Double;
    }

    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Exact powers of ten a double holds: 10^0 … 10^22.</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// The fast path of correctly rounded decimal-to-double conversion (Clinger 1990, also the runtime's first step): when
    /// the digits without leading zeros form an integer of at most 15 digits (exact in a double) and the fraction has at
    /// most 22 digits (10^22 is exact), one IEEE division gives the correctly rounded result, the same bits as
    /// <see cref="double.Parse(string, IFormatProvider)"/>. Anything else returns false and the caller uses double.Parse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseShortDecimal(ReadOnlySpan<char> intPart, ReadOnlySpan<char> fracPart, bool negative, out double value)
    {
        value = 0;
        if (fracPart.Length >= PowersOfTen.Length || intPart.Length + fracPart.Length > 40) return false;
        long mantissa = 0;
        int digits = 0;
        foreach (char c in intPart)
        {
            if (digits == 0 && c == '0') continue;
            mantissa = (mantissa * 10) + (c - '0');
            digits++;
        }

        foreach (char c in fracPart)
        {
            if (digits == 0 && c == '0') continue;
            mantissa = (mantissa * 10) + (c - '0');
            digits++;
        }

        if (digits > DoubleDigits) return false;
        value = mantissa / PowersOfTen[fracPart.Length];
        if (negative) value = -value;
        return true;
    }

    /// <summary>
    /// An integer in the one form it prints back to (<c>-?[1-9][0-9]*</c> or <c>0</c>, at most 15 digits): the form of
    /// nearly every cell of an integer column. One pass gives the value; anything else returns false and takes
    /// <see cref="Classify"/>, which decides exactly as before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseCanonicalInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) i = 1;
        int digits = s.Length - i;
        if (digits is 0 or > DoubleDigits) return false;
        if (s[i] == '0' && (digits > 1 || negative)) return false; // leading zeros are text; "-0" prints back as "0"
        long v = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            v = (v * 10) + d;
        }

        value = negative ? -v : v;
        return true;
    }

    /// <summary>
    /// A decimal in the one form it prints back to (<c>-?(0|[1-9][0-9]*)\.[0-9]+</c>, at most 15 digits in all): the form
    /// of nearly every cell of a money or ratio column. One pass gives the correctly rounded double (Clinger's fast
    /// path, as in <see cref="TryParseShortDecimal"/>) and the number of fraction digits; anything else returns false
    /// and takes <see cref="Classify"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseCanonicalFraction(ReadOnlySpan<char> s, out double value, out int fractionDigits)
    {
        value = 0;
        fractionDigits = 0;
        int i = 0;
        int len = s.Length;
        bool negative = len > 0 && s[0] == '-';
        if (negative) i = 1;
        int intStart = i;
        long mantissa = 0;
        uint d;
        while (i < len && (d = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + d;
            i++;
        }

        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && s[intStart] == '0') || i == len || s[i] != '.') return false;
        int fracStart = ++i;
        while (i < len && (d = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + d;
            i++;
        }

        int k = i - fracStart;
        if (k == 0 || i != len || intDigits + k > DoubleDigits) return false;
        double result = mantissa / PowersOfTen[k];
        value = negative ? -result : result;
        fractionDigits = k;
        return true;
    }

    private static CellKind ClassifyInteger(ReadOnlySpan<char> s, bool negative, ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        int n = digits.Length;
        if (n <= 18)
        {
            long v = 0;
            foreach (char d in digits) v = (v * 10) + (d - '0');
            value = negative ? -v : v;
        }
        else if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return CellKind.IntegerOverflow;
        }

        int significant = n;
        int z = 0;
        while (z < n - 1 && digits[z] == '0') z++;
        significant -= z;
        return significant > DoubleDigits ? CellKind.IntegerWide : CellKind.Integer;
    }

    /// <summary>Digits from the first non-zero one to the last one that matters: trailing zeros count in the integer part, not in the fraction.</summary>
    private static int SignificantDigits(ReadOnlySpan<char> intPart, ReadOnlySpan<char> fracPart)
    {
        int fracEnd = fracPart.Length;
        while (fracEnd > 0 && fracPart[fracEnd - 1] == '0') fracEnd--;
        fracPart = fracPart[..fracEnd];

        int lead = 0;
        while (lead < intPart.Length && intPart[lead] == '0') lead++;
        if (lead < intPart.Length)
        {
            return intPart.Length - lead + fracPart.Length;
        }

        int fracLead = 0;
        while (fracLead < fracPart.Length && fracPart[fracLead] == '0') fracLead++;
        return fracPart.Length - fracLead;
    }

    /// <summary>
    /// Parses a number as a decimal only when the decimal holds it exactly (at most 28 significant digits, scale at most 28).
    /// </summary>
    public static bool TryParseExactDecimal(ReadOnlySpan<char> s, bool allowLeadingZeros, out decimal value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        var kind = ClassifyNumber(s, allowLeadingZeros, out _);
        if (kind == CellKind.Text) return false;

        // Measure mantissa digits and the power of ten of the last significant digit.
        int i = s[0] == '-' ? 1 : 0;
        int mantissaEnd = s.IndexOfAny('e', 'E');
        long exponent = 0;
        if (mantissaEnd >= 0)
        {
            if (!long.TryParse(s[(mantissaEnd + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 1000)
            {
                return false;
            }
        }
        else
        {
            mantissaEnd = s.Length;
        }

        var mantissa = s[i..mantissaEnd];
        int dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? default : mantissa[(dot + 1)..];
        int fracEnd = fracPart.Length;
        while (fracEnd > 0 && fracPart[fracEnd - 1] == '0') fracEnd--;
        int significant = SignificantDigits(intPart, fracPart);
        if (significant == 0) return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        // Power of ten of the last significant digit.
        long lastPower;
        if (fracEnd > 0)
        {
            lastPower = exponent - fracEnd;
        }
        else
        {
            int intTrailing = 0;
            while (intTrailing < intPart.Length - 1 && intPart[intPart.Length - 1 - intTrailing] == '0') intTrailing++;
            lastPower = exponent + intTrailing;
            significant = Math.Max(1, significant - intTrailing);
        }

        if (significant > DecimalDigits || lastPower < -DecimalDigits || significant + lastPower > DecimalDigits)
        {
            return false;
        }

        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>yyyy-MM-dd</c> exactly; the value is the ticks of that midnight.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryTwoDigits(s, 0, out int century) || !TryTwoDigits(s, 2, out int yy) || !TryTwoDigits(s, 5, out int month) || !TryTwoDigits(s, 8, out int day)) return false;
        int year = (century * 100) + yy;
        if (year < 1 || month < 1 || month > 12 || day < 1) return false;

        // Days since 0001-01-01 by the proleptic Gregorian calendar (what DateTime counts), without DateTime's checks.
        bool leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        var daysToMonth = leap ? DaysToMonth366 : DaysToMonth365;
        if (day > daysToMonth[month] - daysToMonth[month - 1]) return false;
        int y = year - 1;
        long days = (y * 365L) + (y / 4) - (y / 100) + (y / 400) + daysToMonth[month - 1] + day - 1;
        ticks = days * TimeSpan.TicksPerDay;
        return true;
    }

    private static ReadOnlySpan<int> DaysToMonth365 => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static ReadOnlySpan<int> DaysToMonth366 => [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryTwoDigits(ReadOnlySpan<char> s, int start, out int value)
    {
        uint tens = (uint)(s[start] - '0');
        uint units = (uint)(s[start + 1] - '0');
        value = (int)((tens * 10) + units);
        return tens <= 9 && units <= 9;
    }

    /// <summary>
    /// ISO 8601: <c>yyyy-MM-dd</c>, <c>T</c> or space, <c>HH:mm[:ss[.fraction]]</c>, then optionally <c>Z</c> or an offset
    /// <c>±HH:mm</c> (also <c>±HHmm</c> and <c>±HH</c>, as databases print them). Zoned values are converted to UTC ticks.
    /// A fraction finer than 100 ns is accepted only when the extra digits are zeros: nothing is rounded.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long ticks, out bool zoned) => TryParseTimestamp(s, out ticks, out zoned, out _);

    /// <summary>
    /// <see cref="TryParseTimestamp(ReadOnlySpan{char}, out long, out bool)"/>, also telling in the same pass whether the
    /// text is the value's canonical form: <paramref name="layout"/> is the <see cref="CanonicalText"/> layout byte, or -1
    /// when the text must be kept (an offset, more than nine fraction digits).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long ticks, out bool zoned, out int layout)
    {
        ticks = 0;
        zoned = false;
        layout = -1;
        if (s.Length < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return false;
        if (!TryParseDate(s[..10], out long dateTicks)) return false;
        if (!TryTwoDigits(s, 11, out int hour) || !TryTwoDigits(s, 14, out int minute) || hour > 23 || minute > 59) return false;

        long timeTicks = (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute);
        int i = 16;
        int canonical = s[10] == 'T' ? 1 : 0;
        if (i < s.Length && s[i] == ':')
        {
            canonical |= 2;
            if (i + 3 > s.Length || !TryTwoDigits(s, i + 1, out int second) || second > 59) return false;
            timeTicks += second * TimeSpan.TicksPerSecond;
            i += 3;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int start = i;
                long fraction = 0;
                while (i < s.Length && IsDigit(s[i]))
                {
                    int digit = s[i] - '0';
                    int position = i - start;
                    if (position < 7)
                    {
                        fraction += digit * FractionTicks[position];
                    }
                    else if (digit != 0)
                    {
                        return false;
                    }

                    i++;
                }

                if (i == start) return false;
                timeTicks += fraction;
                canonical = i - start <= 9 ? canonical | ((i - start) << 3) : -1;
            }
        }

        long offsetTicks = 0;
        if (i < s.Length)
        {
            char z = s[i];
            if (z == 'Z' && i == s.Length - 1)
            {
                zoned = true;
                if (canonical >= 0) canonical |= 4;
            }
            else if (z is '+' or '-')
            {
                var offset = s[(i + 1)..];
                int oh, om = 0;
                if (offset.Length == 2) { if (!TryDigits(offset, 0, 2, out oh)) return false; }
                else if (offset.Length == 4) { if (!TryDigits(offset, 0, 2, out oh) || !TryDigits(offset, 2, 2, out om)) return false; }
                else if (offset.Length == 5 && offset[2] == ':') { if (!TryDigits(offset, 0, 2, out oh) || !TryDigits(offset, 3, 2, out om)) return false; }
                else return false;
                if (oh > 18 || om > 59) return false;
                offsetTicks = (oh * TimeSpan.TicksPerHour) + (om * TimeSpan.TicksPerMinute);
                if (z == '-') offsetTicks = -offsetTicks;
                zoned = true;
                canonical = -1; // stored in UTC: the offset is only in the text
            }
            else
            {
                return false;
            }
        }

        ticks = dateTicks + timeTicks - offsetTicks;
        layout = canonical;
        return ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks;
    }

    /// <summary>A cell under a user's integer override: optional <c>-</c> and digits; leading zeros allowed because the user asked.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        int i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (i == s.Length) return false;
        for (int j = i; j < s.Length; j++)
        {
            if (!IsDigit(s[j])) return false;
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A cell under a user's double override: any number of the grammar, or a non-finite word. Rounding is what the user asked for.</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        if (IsNonFinite(s, out long bits))
        {
            value = BitConverter.Int64BitsToDouble(bits);
            return true;
        }

        var kind = ClassifyNumber(s, allowLeadingZeros: true, out bits);
        switch (kind)
        {
            case CellKind.Integer or CellKind.IntegerWide or CellKind.IntegerOverflow:
                return double.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            case CellKind.Double or CellKind.DoubleWide:
                value = BitConverter.Int64BitsToDouble(bits);
                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (int i = start; i < start + count; i++)
        {
            char c = s[i];
            if (!IsDigit(c)) return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Ticks (100 ns) of one unit of each of the first seven fraction digits of a second.</summary>
    private static ReadOnlySpan<int> FractionTicks => [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
}
