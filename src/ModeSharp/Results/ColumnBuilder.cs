using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Analysis;

namespace ModeSharp.Results;

/// <summary>
/// Builds one column while the rows stream past, deciding its type from every value.
/// Until the type is final each value is kept twice, cheaply: once typed in an 8-byte slot (so the common
/// case needs no second parse) and once as its exact ASCII text (typed values are always ASCII), so a late
/// promotion to decimal or text loses nothing. A column that reaches text keeps strings only, pooled.
/// </summary>
internal sealed class ColumnBuilder
{
    private static readonly byte[] QuotedEmptyMarker = [0]; // a raw cell of one NUL byte: a quoted "" (a real NUL would have made the column text)

    private enum Representation : byte { None, Boolean, Integer, Double, DateTime }

    private readonly ReadContext _context;
    private readonly CsvColumnType? _fixedType;

    private int _count;
    private bool _isText;

    // Typed slots and validity, while not text.
    private ChunkedBuffer<long> _slots = new(1024);
    private ValidityBitmap _validity; // records nulls only: a value costs nothing there
    private Representation _representation;
    private CellKind _previous; // the kind of the last typed cell: the form the next cell most likely has
    private readonly bool _likePrevious; // the shortcut applies: inferring, and no missing-value strings to look for
    private bool _sawWide, _sawOverflow, _sawNonFinite, _sawFiniteNumber, _sawDate, _sawLocal, _sawUtc;
    private bool _sawMinusZero; // "-0" is the integer 0, but the double -0.0: its sign lives only in its kept text

    // Exact text of every cell while inferring.
    private RawCells _raw = new(8192);

    // Decimal values (override, or the final type).
    private ChunkedBuffer<decimal> _decimals;

    // Text.
    private StringDataFrameColumn? _texts; // built in place: no list to copy at the end
    private readonly TextPool _pool = new();

    public ColumnBuilder(string name, CsvColumnType? fixedType, ReadContext context)
    {
        Name = name;
        _fixedType = fixedType;
        _context = context;
        _likePrevious = fixedType is null && !context.HasMissingValues;
        if (fixedType == CsvColumnType.Text)
        {
            _isText = true;
            _texts = new StringDataFrameColumn(name, 0);
        }
        else if (fixedType == CsvColumnType.Decimal)
        {
            _decimals = new ChunkedBuffer<decimal>(1024);
        }
    }

    /// <summary>Frees the native staging memory now, for a read that failed before <see cref="Build"/>.</summary>
    public void Release()
    {
        _slots.Free();
        _decimals.Free();
    }

    public string Name { get; }

    public int Count => _count;

    public void AppendNulls(int n)
    {
        for (int i = 0; i < n; i++) AppendNull(quotedEmpty: false);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<char> cell, bool quotedEmpty)
    {
        // Nearly every cell of a typed column looks like the one before it: settle those first, in as few steps as
        // possible (inlined into the row loop). A user's missing-value strings could look like anything, so they turn
        // the shortcut off.
        if (_likePrevious && !cell.IsEmpty && TryAppendLikePrevious(cell))
        {
            _count++;
            return;
        }

        AppendOther(cell, quotedEmpty);
    }

    /// <summary>Whether this is a text column of distinct values, whose every non-empty cell becomes a new string.</summary>
    public bool WantsFreshStrings => _isText && _pool.GaveUp;

    /// <summary>A non-empty cell already made into a string (by the tokenizing thread, for a column that <see cref="WantsFreshStrings"/>).</summary>
    public void AppendString(string cell)
    {
        if (_isText && !_context.IsMissing(cell))
        {
            _texts!.Append(cell);
            _count++;
            return;
        }

        Append(cell, quotedEmpty: false);
    }

    private void AppendOther(ReadOnlySpan<char> cell, bool quotedEmpty)
    {
        if (cell.IsEmpty || _context.IsMissing(cell))
        {
            AppendNull(quotedEmpty && cell.IsEmpty && _context.Options.KeepQuotedEmptyAsEmptyString);
            return;
        }

        if (_isText)
        {
            _texts!.Append(_pool.Get(cell));
        }
        else if (_fixedType is { } type)
        {
            AppendFixed(cell, type);
        }
        else
        {
            AppendInferred(cell);
        }

        _count++;
    }

    private void AppendNull(bool quotedEmpty)
    {
        if (_isText)
        {
            _texts!.Append(quotedEmpty ? string.Empty : null);
        }
        else
        {
            _validity.Append(_count, valid: false);
            if (_fixedType == CsvColumnType.Decimal)
            {
                _decimals.Add(0m);
            }
            else
            {
                _slots.Add(0);
                if (_fixedType is null)
                {
                    _raw.Add(quotedEmpty ? QuotedEmptyMarker : ReadOnlySpan<byte>.Empty);
                }
            }
        }

        _count++;
    }

    private void AppendInferred(ReadOnlySpan<char> cell)
    {
        if (!_likePrevious && TryAppendLikePrevious(cell)) return;

        var kind = CellParser.Classify(cell, out long value);
        switch (kind)
        {
            case CellKind.Boolean:
                if (_representation == Representation.None) _representation = Representation.Boolean;
                else if (_representation != Representation.Boolean) goto default;
                break;

            case CellKind.Integer or CellKind.IntegerWide or CellKind.IntegerOverflow:
                if (_representation == Representation.None) _representation = Representation.Integer;
                else if (_representation is not (Representation.Integer or Representation.Double)) goto default;
                _sawWide |= kind == CellKind.IntegerWide;
                _sawOverflow |= kind == CellKind.IntegerOverflow;
                _sawFiniteNumber = true;
                if (kind == CellKind.IntegerOverflow) value = 0; // only decimal or text can hold it; both re-read the text
                else if (_representation == Representation.Double) value = BitConverter.DoubleToInt64Bits(IsMinusZero(cell) ? -0.0 : value);
                else _sawMinusZero |= IsMinusZero(cell);
                break;

            case CellKind.Double or CellKind.DoubleWide or CellKind.NonFinite:
                if (_representation == Representation.None) _representation = Representation.Double;
                else if (_representation == Representation.Integer) PromoteIntegerSlotsToDouble();
                else if (_representation != Representation.Double) goto default;
                _sawWide |= kind == CellKind.DoubleWide;
                _sawNonFinite |= kind == CellKind.NonFinite;
                _sawFiniteNumber |= kind != CellKind.NonFinite;
                break;

            case CellKind.Date or CellKind.TimestampLocal or CellKind.TimestampUtc:
                if (_representation == Representation.None) _representation = Representation.DateTime;
                else if (_representation != Representation.DateTime) goto default;
                _sawDate |= kind == CellKind.Date;
                _sawLocal |= kind == CellKind.TimestampLocal;
                _sawUtc |= kind == CellKind.TimestampUtc;
                if (_sawUtc && (_sawLocal || _sawDate)) goto default; // zoned mixed with unzoned: text
                break;

            default:
                SwitchToText();
                _texts!.Append(_pool.Get(cell));
                return;
        }

        _slots.Add(value);
        _previous = kind;

        // Keep the exact text: a marker when the value prints back to it, else the text (typed cells are ASCII by
        // construction, so one byte per char).
        byte marker = CanonicalText.Describe(kind, cell, out byte layout);
        if (marker != 0) _raw.AddMarker(marker, layout);
        else _raw.Add(cell);
    }

    /// <summary>
    /// The fast path: a cell of the same kind as the previous typed cell, written in that kind's canonical form. Such a
    /// cell changes none of the column's flags (the previous cell set them), so it needs only its value and its
    /// marker, both from one pass over its text. Anything else returns false and is classified in full.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryAppendLikePrevious(ReadOnlySpan<char> cell)
    {
        long value;
        byte marker;
        byte layout = 0;
        switch (_previous)
        {
            case CellKind.Integer:
                if (!CellParser.TryParseCanonicalInteger(cell, out value)) return false;
                if (_representation == Representation.Double) value = BitConverter.DoubleToInt64Bits(value);
                marker = CanonicalText.Integer;
                break;
            case CellKind.Double:
                if (!CellParser.TryParseCanonicalFraction(cell, out double d, out int fractionDigits)) return false;
                value = BitConverter.DoubleToInt64Bits(d);
                marker = CanonicalText.Fraction(fractionDigits);
                break;
            case CellKind.Date:
                if (cell.Length != 10 || !CellParser.TryParseDate(cell, out value)) return false;
                marker = CanonicalText.Date;
                break;
            case CellKind.TimestampUtc or CellKind.TimestampLocal:
                if (cell.Length == 10 || !CellParser.TryParseTimestamp(cell, out value, out bool zoned, out int canonicalLayout)
                    || zoned != (_previous == CellKind.TimestampUtc) || canonicalLayout < 0) return false;
                marker = CanonicalText.Timestamp;
                layout = (byte)canonicalLayout;
                break;
            case CellKind.Boolean:
                if (cell is "true") { value = 1; marker = CanonicalText.True; }
                else if (cell is "false") { value = 0; marker = CanonicalText.False; }
                else return false;
                break;
            default:
                return false;
        }

        _slots.Add(value);
        _raw.AddMarker(marker, layout);
        return true;
    }

    private static bool IsMinusZero(ReadOnlySpan<char> cell) => cell is "-0";

    private void PromoteIntegerSlotsToDouble()
    {
        // Exact for every value of at most 15 digits; wider ones make the column decimal, which re-reads the text.
        _slots.ForEachSpan(static slots =>
        {
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] = BitConverter.DoubleToInt64Bits(slots[i]);
            }
        });

        if (_sawMinusZero) RestoreMinusZeros();
        _representation = Representation.Double;
    }

    /// <summary>After integers became doubles: the cells written <c>-0</c> become -0.0, as <c>double.Parse</c> reads them.</summary>
    private void RestoreMinusZeros()
    {
        var raw = _raw.GetReader();
        long minusZero = BitConverter.DoubleToInt64Bits(-0.0);
        _slots.ForEachSpan(slots =>
        {
            for (int i = 0; i < slots.Length; i++)
            {
                if (raw.Next(out _, out _) is [(byte)'-', (byte)'0']) slots[i] = minusZero;
            }
        });
    }

    private void SwitchToText()
    {
        var texts = new StringDataFrameColumn(Name, 0);
        var raw = _raw.GetReader();
        var slots = _slots.GetReader();
        bool slotIsDouble = _representation == Representation.Double;
        Span<char> chars = stackalloc char[128];
        for (int i = 0; i < _count; i++)
        {
            var bytes = raw.Next(out byte marker, out byte layout);
            long slot = slots.Next();
            if (marker != 0) texts.Append(_pool.Get(chars[..CanonicalText.Format(marker, layout, slot, slotIsDouble, chars)]));
            else if (bytes.IsEmpty) texts.Append(null);
            else if (bytes.Length == 1 && bytes[0] == QuotedEmptyMarker[0]) texts.Append(string.Empty);
            else texts.Append(AsciiToString(bytes, chars));
        }

        _texts = texts;
        _isText = true;
        _previous = CellKind.Text; // no typed cell comes after this: the shortcut must not take one
        _slots.Free();
        _slots = default;
        _raw = default;
    }

    private string AsciiToString(ReadOnlySpan<byte> bytes, Span<char> scratch)
    {
        if (bytes.Length > scratch.Length) return Encoding.ASCII.GetString(bytes);
        int n = Encoding.ASCII.GetChars(bytes, scratch);
        return _pool.Get(scratch[..n]);
    }

    private void AppendFixed(ReadOnlySpan<char> cell, CsvColumnType type)
    {
        long value = 0;
        bool ok;
        switch (type)
        {
            case CsvColumnType.Boolean:
                ok = CellParser.TryParseBoolean(cell, out bool b);
                value = b ? 1 : 0;
                break;
            case CsvColumnType.Integer:
                ok = CellParser.TryParseInt64(cell, out value);
                break;
            case CsvColumnType.Double:
                ok = CellParser.TryParseDouble(cell, out double d);
                value = BitConverter.DoubleToInt64Bits(d);
                break;
            case CsvColumnType.Decimal:
                ok = CellParser.TryParseExactDecimal(cell, allowLeadingZeros: true, out decimal m);
                _decimals.Add(m);
                _validity.Append(_count, ok);
                if (!ok) _context.Report(Name, type.ToTypeName(), cell.ToString());
                return;
            case CsvColumnType.Date:
                ok = CellParser.TryParseDate(cell, out value);
                break;
            default: // Timestamp
                ok = TryParseFixedTimestamp(cell, out value);
                break;
        }

        _slots.Add(ok ? value : 0);
        _validity.Append(_count, ok);
        if (!ok) _context.Report(Name, type.ToTypeName(), cell.ToString());
    }

    private bool TryParseFixedTimestamp(ReadOnlySpan<char> cell, out long ticks)
    {
        bool zoned = false;
        bool ok = cell.Length == 10 ? CellParser.TryParseDate(cell, out ticks) : CellParser.TryParseTimestamp(cell, out ticks, out zoned);
        if (!ok) return false;

        // The first value decides whether the column is UTC; a value of the other kind does not fit.
        if (!_sawUtc && !_sawLocal)
        {
            if (zoned) _sawUtc = true;
            else _sawLocal = true;
        }

        return zoned == _sawUtc;
    }

    /// <summary>Ends the column: decides the final type and hands the buffers to a DataFrame column without copying where it can.</summary>
    public BuiltColumn Build()
    {
        if (_isText) return Text();
        if (_fixedType is { } fixedType) return Typed(fixedType, isUtc: _sawUtc);

        switch (_representation)
        {
            case Representation.None:
                SwitchToText(); // no value at all: text, all null (or empty strings)
                return Text();
            case Representation.Boolean:
                return Typed(CsvColumnType.Boolean, false);
            case Representation.Integer:
                return _sawOverflow ? DecimalOrText() : Typed(CsvColumnType.Integer, false);
            case Representation.Double:
                if (_sawWide || _sawOverflow) return _sawNonFinite ? TextFromRaw() : DecimalOrText();
                return _sawFiniteNumber ? Typed(CsvColumnType.Double, false) : TextFromRaw();
            default:
                if (_sawDate && !_sawLocal && !_sawUtc) return Typed(CsvColumnType.Date, false);
                return Typed(CsvColumnType.Timestamp, _sawUtc);
        }
    }

    private BuiltColumn TextFromRaw()
    {
        SwitchToText();
        return Text();
    }

    private BuiltColumn Text() => new(_texts!, CsvColumnType.Text, false);

    private BuiltColumn DecimalOrText()
    {
        var decimals = new ChunkedBuffer<decimal>(_count);
        var raw = _raw.GetReader();
        var slots = _slots.GetReader();
        bool slotIsDouble = _representation == Representation.Double;
        Span<char> chars = stackalloc char[128];
        for (int i = 0; i < _count; i++)
        {
            var bytes = raw.Next(out byte marker, out byte layout);
            long slot = slots.Next();
            decimal value = 0;
            if (_validity.IsValid(i))
            {
                if (bytes.Length > chars.Length)
                {
                    decimals.Free();
                    return TextFromRaw(); // longer than any decimal: exact text
                }

                int n = marker != 0 ? CanonicalText.Format(marker, layout, slot, slotIsDouble, chars) : Encoding.ASCII.GetChars(bytes, chars);
                if (!CellParser.TryParseExactDecimal(chars[..n], allowLeadingZeros: false, out value))
                {
                    decimals.Free();
                    return TextFromRaw(); // too long or too precise even for decimal: exact text, never rounded
                }
            }

            decimals.Add(value);
        }

        _decimals = decimals;
        return Typed(CsvColumnType.Decimal, false);
    }

    private BuiltColumn Typed(CsvColumnType type, bool isUtc)
    {
        var validity = _validity.Bytes(_count);
        int nulls = _validity.NullCount;
        DataFrameColumn column;
        switch (type)
        {
            case CsvColumnType.Boolean:
                var bools = new byte[_count];
                int b = 0;
                _slots.ForEachSpan(slots =>
                {
                    foreach (long slot in slots) bools[b++] = (byte)slot;
                });
                column = new BooleanDataFrameColumn(Name, bools, validity, _count, nulls);
                break;
            case CsvColumnType.Integer:
                column = new Int64DataFrameColumn(Name, _slots.ToBytes(), validity, _count, nulls);
                break;
            case CsvColumnType.Double:
                column = new DoubleDataFrameColumn(Name, _slots.ToBytes(), validity, _count, nulls);
                break;
            case CsvColumnType.Decimal:
                column = new DecimalDataFrameColumn(Name, _decimals.ToBytes(), validity, _count, nulls);
                break;
            default: // Date and Timestamp: DateTime is its ticks with the kind in the top two bits
                var bytes = _slots.ToBytes();
                var values = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
                ulong kind = (ulong)(isUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified) << 62;
                for (int i = 0; i < values.Length; i++) values[i] = (long)((ulong)values[i] | kind);
                column = new DateTimeDataFrameColumn(Name, bytes, validity, _count, nulls);
                break;
        }

        // The staged values and the cells' text are not needed any more: free them before the next column is built.
        _slots.Free();
        _slots = default;
        _raw = default;
        _decimals = default;
        return new BuiltColumn(column, type, isUtc);
    }
}

/// <summary>A finished column and the type it was given.</summary>
internal readonly record struct BuiltColumn(DataFrameColumn Column, CsvColumnType Type, bool IsUtc);
