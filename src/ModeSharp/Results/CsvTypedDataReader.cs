using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace ModeSharp.Results;

/// <summary>
/// A forward-only <see cref="DbDataReader"/> over a results CSV, for results too large to hold: one record in
/// memory at a time. Types are decided up front, not inferred: each column named in
/// <see cref="CsvReadOptions.ColumnTypes"/> has that type, every other column is text. Values follow the same
/// parsing rules as <see cref="CsvFrameReader"/>; a value that does not parse is a <see cref="CsvDataException"/>
/// (a streaming reader has nowhere to keep a problem list). Short rows give nulls, or an error in strict mode;
/// extra fields are an error.
/// </summary>
// DbDataReader is non-generic IEnumerable by design (DbEnumerator); a generic one would add nothing here.
#pragma warning disable CA1010
public sealed class CsvTypedDataReader : DbDataReader
#pragma warning restore CA1010
{
    private readonly CsvRecordSource _source;
    private readonly CsvReadOptions _options;
    private readonly ReadContext _context;
    private readonly string[] _names;
    private readonly CsvColumnType[] _types;
    private readonly bool[] _skip;
    private readonly bool?[] _utc;
    private readonly TextPool[] _pools;
    private readonly long[] _slots;
    private readonly decimal[] _decimals;
    private readonly string?[] _strings;
    private readonly bool[] _nulls;
    private bool _hasRow;
    private bool _closed;

    private CsvTypedDataReader(CsvRecordSource source, CsvReadOptions options, string[] names, ISet<int>? used)
    {
        _source = source;
        _options = options;
        _context = new ReadContext(options);
        _names = names;
        int n = names.Length;
        _types = names.Select(name => options.ColumnTypes.TryGetValue(name, out var t) ? t : CsvColumnType.Text).ToArray();
        _skip = Enumerable.Range(0, n).Select(i => used is not null && !used.Contains(i)).ToArray();
        _utc = new bool?[n];
        _pools = Enumerable.Range(0, n).Select(_ => new TextPool()).ToArray();
        _slots = new long[n];
        _decimals = new decimal[n];
        _strings = new string?[n];
        _nulls = new bool[n];
    }

    /// <summary>Opens a reader over a byte stream and reads its header. The stream is not closed.</summary>
    /// <exception cref="CsvDataException">The header record is malformed.</exception>
    public static async Task<CsvTypedDataReader> OpenAsync(Stream stream, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        return await OpenAsync(CsvRecordSource.Decode(stream, options), options, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a reader over decoded text and reads its header. The text reader is not closed.</summary>
    /// <exception cref="CsvDataException">The header record is malformed.</exception>
    public static CsvTypedDataReader Open(TextReader reader, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= CsvReadOptions.Default;
        var source = CsvRecordSource.Open(reader, options);
        return FromHeader(source, options, source.Read(), null);
    }

    internal static async Task<CsvTypedDataReader> OpenAsync(TextReader reader, CsvReadOptions options, Func<string[], ISet<int>>? selectColumns, CancellationToken cancellationToken)
    {
        var source = await CsvRecordSource.OpenAsync(reader, options, cancellationToken).ConfigureAwait(false);
        bool hasHeader = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        return FromHeader(source, options, hasHeader, selectColumns);
    }

    private static CsvTypedDataReader FromHeader(CsvRecordSource source, CsvReadOptions options, bool hasHeader, Func<string[], ISet<int>>? selectColumns)
    {
        try
        {
            var names = hasHeader ? FrameAssembler.ReadHeader(source, options, [], out _) : throw FrameAssembler.NoHeader();
            return new CsvTypedDataReader(source, options, names, selectColumns?.Invoke(names));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The type of each column, as decided up front.</summary>
    public IReadOnlyList<CsvColumnType> ColumnTypes => _types;

    /// <summary>1-based data row of the current record.</summary>
    public long Row => _source.Row;

    /// <summary>1-based input line where the current record began; for the record reader's located errors.</summary>
    internal long Line => _source.Line;

    /// <summary>The current record's cell at <paramref name="ordinal"/> as written ("" past the end of a short row); for error messages only.</summary>
    internal string RawText(int ordinal) => ordinal < _source.FieldCount ? _source[ordinal].ToString() : "";

    /// <inheritdoc/>
    public override bool Read()
    {
        ThrowIfClosed();
        _hasRow = _source.Read();
        if (_hasRow) Convert();
        return _hasRow;
    }

    /// <inheritdoc/>
    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        _hasRow = await _source.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_hasRow) Convert();
        return _hasRow;
    }

    private void Convert()
    {
        _context.Row = _source.Row;
        _context.Line = _source.Line;
        int fields = _source.FieldCount;
        if (fields > _names.Length)
        {
            throw new CsvDataException(
                $"Row {_source.Row} (line {_source.Line}) has {fields} fields but the header has {_names.Length}; a value would be lost.",
                _source.Row, _source.Line, expected: $"{_names.Length} fields");
        }

        if (fields < _names.Length && _options.Strict)
        {
            _context.Report(null, $"{_names.Length} fields", $"{fields} fields");
        }

        for (int i = 0; i < _names.Length; i++)
        {
            _strings[i] = null;
            _nulls[i] = true;
            if (_skip[i] || i >= fields) continue;
            var cell = _source[i];
            if (cell.IsEmpty || _context.IsMissing(cell))
            {
                if (cell.IsEmpty && _types[i] == CsvColumnType.Text && _options.KeepQuotedEmptyAsEmptyString && _source.IsQuotedEmpty(i))
                {
                    _strings[i] = string.Empty;
                    _nulls[i] = false;
                }

                continue;
            }

            if (!TryConvert(i, cell))
            {
                throw new CsvDataException(
                    $"CSV row {_source.Row} (line {_source.Line}), column '{_names[i]}': expected {_types[i].ToTypeName()}, found '{cell}'.",
                    _source.Row, _source.Line, _names[i], cell.ToString(), _types[i].ToTypeName());
            }

            _nulls[i] = false;
        }
    }

    private bool TryConvert(int i, ReadOnlySpan<char> cell)
    {
        switch (_types[i])
        {
            case CsvColumnType.Text:
                _strings[i] = _pools[i].Get(cell);
                return true;
            case CsvColumnType.Boolean:
                bool ok = CellParser.TryParseBoolean(cell, out bool b);
                _slots[i] = b ? 1 : 0;
                return ok;
            case CsvColumnType.Integer:
                return CellParser.TryParseInt64(cell, out _slots[i]);
            case CsvColumnType.Double:
                ok = CellParser.TryParseDouble(cell, out double d);
                _slots[i] = BitConverter.DoubleToInt64Bits(d);
                return ok;
            case CsvColumnType.Decimal:
                return CellParser.TryParseExactDecimal(cell, allowLeadingZeros: true, out _decimals[i]);
            case CsvColumnType.Date:
                return CellParser.TryParseDate(cell, out _slots[i]);
            default:
                bool zoned = false;
                ok = cell.Length == 10 ? CellParser.TryParseDate(cell, out _slots[i]) : CellParser.TryParseTimestamp(cell, out _slots[i], out zoned);
                _utc[i] ??= zoned; // the first value decides; a value of the other kind does not fit
                return ok && _utc[i] == zoned;
        }
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    private void ThrowIfNoRow()
    {
        if (!_hasRow) throw new InvalidOperationException("No current row: call Read first.");
    }

    /// <summary>Checks that the current row's cell can be read as <paramref name="type"/> and returns its ordinal.</summary>
    /// <remarks>Returns the ordinal rather than taking a getter delegate: the getters run once per cell on the record
    /// path, and a delegate that captures <c>this</c> would be a heap allocation per cell.</remarks>
    private int Typed(int ordinal, CsvColumnType type)
    {
        ThrowIfNoRow();
        if (_types[ordinal] != type)
        {
            throw new InvalidCastException($"Column '{_names[ordinal]}' is {_types[ordinal].ToTypeName()}, not {type.ToTypeName()}.");
        }

        if (_nulls[ordinal]) throw new InvalidCastException($"Column '{_names[ordinal]}' is null in row {Row}.");
        return ordinal;
    }

    /// <inheritdoc/>
    public override bool GetBoolean(int ordinal) => _slots[Typed(ordinal, CsvColumnType.Boolean)] != 0;

    /// <inheritdoc/>
    public override long GetInt64(int ordinal) => _slots[Typed(ordinal, CsvColumnType.Integer)];

    /// <inheritdoc/>
    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    /// <inheritdoc/>
    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    /// <inheritdoc/>
    public override double GetDouble(int ordinal) => BitConverter.Int64BitsToDouble(_slots[Typed(ordinal, CsvColumnType.Double)]);

    /// <inheritdoc/>
    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    /// <inheritdoc/>
    public override decimal GetDecimal(int ordinal) => _decimals[Typed(ordinal, CsvColumnType.Decimal)];

    /// <inheritdoc/>
    public override DateTime GetDateTime(int ordinal)
    {
        ThrowIfNoRow();
        var type = _types[ordinal] == CsvColumnType.Date ? CsvColumnType.Date : CsvColumnType.Timestamp;
        int i = Typed(ordinal, type);
        return new DateTime(_slots[i], _utc[i] == true ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    /// <inheritdoc/>
    public override string GetString(int ordinal) => _strings[Typed(ordinal, CsvColumnType.Text)]!;

    /// <inheritdoc/>
    public override object GetValue(int ordinal)
    {
        ThrowIfNoRow();
        if (_nulls[ordinal]) return DBNull.Value;
        return _types[ordinal] switch
        {
            CsvColumnType.Boolean => GetBoolean(ordinal),
            CsvColumnType.Integer => GetInt64(ordinal),
            CsvColumnType.Double => GetDouble(ordinal),
            CsvColumnType.Decimal => GetDecimal(ordinal),
            CsvColumnType.Date or CsvColumnType.Timestamp => GetDateTime(ordinal),
            _ => GetString(ordinal),
        };
    }

    /// <inheritdoc/>
    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = Math.Min(values.Length, FieldCount);
        for (int i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    /// <inheritdoc/>
    public override bool IsDBNull(int ordinal)
    {
        ThrowIfNoRow();
        return _nulls[ordinal];
    }

    /// <inheritdoc/>
    public override Type GetFieldType(int ordinal) => _types[ordinal] switch
    {
        CsvColumnType.Boolean => typeof(bool),
        CsvColumnType.Integer => typeof(long),
        CsvColumnType.Double => typeof(double),
        CsvColumnType.Decimal => typeof(decimal),
        CsvColumnType.Date or CsvColumnType.Timestamp => typeof(DateTime),
        _ => typeof(string),
    };

    /// <inheritdoc/>
    public override System.Data.DataTable GetSchemaTable()
    {
        var table = new System.Data.DataTable("SchemaTable") { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsKey, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsUnique, typeof(bool));
        table.Columns.Add(SchemaTableColumn.NumericPrecision, typeof(short));
        table.Columns.Add(SchemaTableColumn.NumericScale, typeof(short));
        for (int i = 0; i < _names.Length; i++)
        {
            table.Rows.Add(_names[i], i, -1, GetFieldType(i), true, false, false, DBNull.Value, DBNull.Value);
        }

        return table;
    }

    /// <inheritdoc/>
    public override string GetDataTypeName(int ordinal) => _types[ordinal].ToTypeName();

    /// <inheritdoc/>
    public override string GetName(int ordinal) => _names[ordinal];

    /// <inheritdoc/>
    public override int GetOrdinal(string name)
    {
        int i = Array.IndexOf(_names, name);
        return i >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(name), $"No column named '{name}'. Columns: {string.Join(", ", _names)}.");
    }

    /// <inheritdoc/>
    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    /// <inheritdoc/>
    public override char GetChar(int ordinal) => GetString(ordinal) is [var c] ? c : throw new InvalidCastException($"Column '{_names[ordinal]}' does not hold one character.");

    /// <inheritdoc/>
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException("A results CSV has no binary columns.");

    /// <inheritdoc/>
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var s = GetString(ordinal);
        if (buffer is null) return s.Length;
        int n = (int)Math.Max(0, Math.Min(length, s.Length - dataOffset));
        s.AsSpan((int)dataOffset, n).CopyTo(buffer.AsSpan(bufferOffset));
        return n;
    }

    /// <inheritdoc/>
    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal), CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int FieldCount => _names.Length;

    /// <inheritdoc/>
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc/>
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <inheritdoc/>
    public override int RecordsAffected => -1;

    /// <inheritdoc/>
    public override bool HasRows => true;

    /// <inheritdoc/>
    public override bool IsClosed => _closed;

    /// <inheritdoc/>
    public override int Depth => 0;

    /// <inheritdoc/>
    public override bool NextResult() => false;

    /// <inheritdoc/>
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <inheritdoc/>
    public override void Close()
    {
        if (_closed) return;
        _closed = true;
        _source.Dispose();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }
}
