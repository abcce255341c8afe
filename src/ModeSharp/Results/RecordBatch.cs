using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace ModeSharp.Results;

/// <summary>One record as the frame assembler sees it, wherever it lives: in the tokenizer, or copied into a batch.</summary>
internal interface IRecordView
{
    /// <summary>The 1-based data row.</summary>
    long Row { get; }

    /// <summary>The 1-based input line where the record begins.</summary>
    long Line { get; }

    int FieldCount { get; }

    ReadOnlySpan<char> this[int field] { get; }

    /// <summary>Whether the empty field <paramref name="field"/> was written <c>""</c> (asked only with <see cref="CsvReadOptions.KeepQuotedEmptyAsEmptyString"/>).</summary>
    bool IsQuotedEmpty(int field);

    /// <summary>The field as a string already made on the tokenizing thread (a non-empty cell of a column of distinct strings), else null.</summary>
    string? MadeString(int field);
}

/// <summary>The tokenizer's current record, as a struct so the assembler's loop is compiled for it and nothing is virtual.</summary>
internal readonly struct SourceRecord(CsvRecordSource source) : IRecordView
{
    public long Row => source.Row;

    public long Line => source.Line;

    public int FieldCount => source.FieldCount;

    public ReadOnlySpan<char> this[int field] => source[field];

    public bool IsQuotedEmpty(int field) => source.IsQuotedEmpty(field);

    public string? MadeString(int field) => null;
}

/// <summary>
/// Records copied out of the tokenizer's buffer, so one thread can tokenize while another builds columns
/// (<see cref="RecordPipeline"/>). The fields' text lies back to back in one array and each field is its end offset;
/// a batch is reused once its records are built. A read that failed part-way ends with a batch carrying the error
/// after the records that came before it, so they are built and the error surfaces at the same row as on one thread.
/// </summary>
internal sealed class RecordBatch
{
    /// <summary>Records per batch: enough that handing a batch over costs nothing per record, few enough to stay in cache.</summary>
    public const int MaxRecords = 2048;

    /// <summary>
    /// Chars copied per batch before it is handed over early (wide records); one record longer than this still fits.
    /// Strings made here do not count: they are the frame's own strings, held by reference, not a copy.
    /// </summary>
    private const int TextBudget = 128 * 1024;

    /// <summary>Fields per batch before it is handed over early (thousands of mostly empty fields per record).</summary>
    private const int FieldBudget = 64 * 1024;

    private char[] _text = new char[TextBudget + 1024];
    private int[] _fieldEnds = new int[MaxRecords * 8];
    private bool[] _quotedEmpty = [];
    private string?[] _strings = [];
    private bool _hasStrings;
    private readonly int[] _recordEnds = new int[MaxRecords];
    private readonly long[] _lines = new long[MaxRecords];
    private int _textLength;
    private int _fields;

    public int Count { get; private set; }

    /// <summary>The data row of the batch's first record; the rest follow one by one.</summary>
    public long FirstRow { get; private set; }

    /// <summary>The failure that ended the read after this batch's records.</summary>
    public ExceptionDispatchInfo? Error { get; set; }

    /// <summary>No batch follows: the input ended after this batch's records, or <see cref="Error"/> ended the read.</summary>
    public bool IsLast { get; set; }

    public bool IsFull => Count == MaxRecords || _textLength >= TextBudget || _fields >= FieldBudget;

    public void Reset()
    {
        // A huge record grew the tables far past the budgets: give that memory back rather than keep it for the read.
        if (_text.Length > 4 * TextBudget) _text = new char[TextBudget + 1024];
        if (_fieldEnds.Length > 4 * FieldBudget)
        {
            _fieldEnds = new int[MaxRecords * 8];
            _strings = _strings.Length == 0 ? [] : new string?[_fieldEnds.Length];
            _quotedEmpty = _quotedEmpty.Length == 0 ? [] : new bool[_fieldEnds.Length];
            _hasStrings = false;
        }

        Count = 0;
        _textLength = 0;
        if (_hasStrings) Array.Clear(_strings, 0, _fields);
        _hasStrings = false;
        _fields = 0;
        Error = null;
        IsLast = false;
    }

    /// <summary>
    /// Copies the tokenizer's current record. Cells of the columns flagged in <paramref name="makeStrings"/> (text
    /// columns of distinct values, where the builder would only make a new string of each) become strings here, on
    /// the tokenizing thread, which has time to spare: the building thread is the slower one.
    /// </summary>
    public void Add(CsvRecordSource source, bool trackQuotedEmpty, bool[] makeStrings)
    {
        if (Count == 0) FirstRow = source.Row;
        int n = source.FieldCount;
        if (_fields + n > _fieldEnds.Length) Array.Resize(ref _fieldEnds, Math.Max(_fieldEnds.Length * 2, _fields + n));
        if (trackQuotedEmpty && _quotedEmpty.Length < _fieldEnds.Length) Array.Resize(ref _quotedEmpty, _fieldEnds.Length);

        // Once in use, the strings table is as long as the field table: the builder asks it about every field, not only
        // those of records that made a string.
        if (_strings.Length != 0 && _strings.Length < _fieldEnds.Length) Array.Resize(ref _strings, _fieldEnds.Length);

        var ends = _fieldEnds;
        for (int i = 0; i < n; i++)
        {
            var cell = source[i];
            if (i < makeStrings.Length && makeStrings[i] && !cell.IsEmpty)
            {
                if (_strings.Length < ends.Length) Array.Resize(ref _strings, ends.Length);
                _strings[_fields] = new string(cell);
                _hasStrings = true;
            }
            else
            {
                if (_textLength + cell.Length > _text.Length) GrowText(cell.Length);
                cell.CopyTo(_text.AsSpan(_textLength));
                _textLength += cell.Length;
                if (trackQuotedEmpty) _quotedEmpty[_fields] = cell.IsEmpty && source.IsQuotedEmpty(i);
            }

            ends[_fields++] = _textLength;
        }

        _recordEnds[Count] = _fields;
        _lines[Count] = source.Line;
        Count++;
    }

    private void GrowText(int more) => Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + more));

    public Record this[int index] => new(this, index);

    /// <summary>A record of the batch.</summary>
    public readonly struct Record(RecordBatch batch, int index) : IRecordView
    {
        private readonly int _firstField = index == 0 ? 0 : batch._recordEnds[index - 1];

        public long Row => batch.FirstRow + index;

        public long Line => batch._lines[index];

        public int FieldCount => batch._recordEnds[index] - _firstField;

        public ReadOnlySpan<char> this[int field]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                int f = _firstField + field;
                int start = f == 0 ? 0 : batch._fieldEnds[f - 1];
                return batch._text.AsSpan(start, batch._fieldEnds[f] - start);
            }
        }

        public bool IsQuotedEmpty(int field) => batch._quotedEmpty[_firstField + field];

        public string? MadeString(int field) => batch._hasStrings ? batch._strings[_firstField + field] : null;
    }
}
