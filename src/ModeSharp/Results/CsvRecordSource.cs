using System.Text;
using Sylvan.Data.Csv;

namespace ModeSharp.Results;

/// <summary>
/// The tokenizer: Sylvan.Data.Csv configured to the project's CSV rules, plus what it does not track itself —
/// the input line where each record begins, whether an empty field was quoted, and errors that say where.
/// </summary>
/// <remarks>
/// Why Sylvan and not Sep: Sep treats a quote inside an unquoted field as the start of a quoted section, so a
/// stray quote silently merges the following lines into one field, and it accepts an unterminated quote at the
/// end of input. Sylvan keeps such a quote as a literal and reports the unterminated one. See docs/reader.md.
/// </remarks>
internal sealed class CsvRecordSource : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CsvDataReader _csv;
    private readonly RefillNotifyingTextReader _text;
    private long _nextLine = 1;
    private long _records;
    private Task? _user; // see DisposeAfter

    // Which fields of the record last scanned began with a quote (IsQuotedEmpty).
    private bool[] _quotedFields = [];
    private int _quotedFieldCount;
    private long _quotedScanRecord = -1;

    private CsvRecordSource(CsvDataReader csv, RefillNotifyingTextReader text)
    {
        _csv = csv;
        _text = text;
    }

    /// <summary>Called on the reading thread whenever the tokenizer is about to read more text (see <see cref="RecordPipeline"/>).</summary>
    public Action? BeforeRefill
    {
        get => _text.BeforeRefill;
        set => _text.BeforeRefill = value;
    }

    /// <summary>The same for asynchronous reads: awaited before each.</summary>
    public Func<ValueTask>? BeforeRefillAsync
    {
        get => _text.BeforeRefillAsync;
        set => _text.BeforeRefillAsync = value;
    }

    /// <summary>0 for the header, then the 1-based data row.</summary>
    public long Row => _records - 1;

    /// <summary>1-based input line where the current record begins.</summary>
    public long Line { get; private set; }

    public int FieldCount => _csv.RowFieldCount;

    public ReadOnlySpan<char> this[int field] => _csv.GetFieldSpan(field);

    // No BOM detection here: StreamReader detects only when its first read holds two bytes or more, so a body
    // arriving a byte at a time would decode differently. The one leading U+FEFF is dropped by BomSkippingTextReader.
    public static TextReader Decode(Stream stream, CsvReadOptions options) =>
        new StreamReader(stream, options.Encoding ?? StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: options.StreamBufferSize, leaveOpen: true);

    public static CsvRecordSource Open(TextReader reader, CsvReadOptions options)
    {
        var text = new RefillNotifyingTextReader(new BomSkippingTextReader(reader));
        return Translate(-1, -1, () => new CsvRecordSource(CsvDataReader.Create(text, SylvanOptions(options)), text));
    }

    public static async Task<CsvRecordSource> OpenAsync(TextReader reader, CsvReadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var text = new RefillNotifyingTextReader(new BomSkippingTextReader(reader));
            var csv = await CsvDataReader.CreateAsync(text, SylvanOptions(options), cancellationToken).ConfigureAwait(false);
            return new CsvRecordSource(csv, text);
        }
        catch (Exception e) when (IsDataError(e))
        {
            throw TranslateError(e, null, 1, 1);
        }
    }

    private static CsvDataReaderOptions SylvanOptions(CsvReadOptions options) => new()
    {
        HasHeaders = false,          // the header is ours to name and rename
        Delimiter = ',',             // Mode's separator; never guessed, never the culture's
        Quote = '"',
        Escape = '"',
        Comment = '\0',              // Sylvan skips '#' lines by default; a results CSV has no comments
        CsvStyle = CsvStyle.Standard,
        BufferSize = Math.Max(128, options.BufferSize),
        MaxBufferSize = int.MaxValue / 2, // buffers grow: a record longer than any fixed buffer still parses
        OwnsReader = true,
        Culture = System.Globalization.CultureInfo.InvariantCulture,
    };

    public bool Read()
    {
        bool more;
        try
        {
            more = _csv.Read();
        }
        catch (Exception e) when (IsDataError(e))
        {
            throw TranslateError(e, this);
        }

        return Advance(more);
    }

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        // Most records are already in the tokenizer's buffer: finish those without a second async state machine.
        Task<bool> read;
        try
        {
            read = _csv.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (IsDataError(e))
        {
            throw TranslateError(e, this);
        }

        return read.IsCompletedSuccessfully ? new ValueTask<bool>(Advance(read.Result)) : AwaitReadAsync(read);
    }

    private async ValueTask<bool> AwaitReadAsync(Task<bool> read)
    {
        bool more;
        try
        {
            more = await read.ConfigureAwait(false);
        }
        catch (Exception e) when (IsDataError(e))
        {
            throw TranslateError(e, this);
        }

        return Advance(more);
    }

    private bool Advance(bool more)
    {
        if (!more) return false;
        _records++;
        Line = _nextLine;
        var raw = _csv.GetRawRecordSpan();
        if (raw.Length > 0 && raw[^1] == '\r')
        {
            // Sylvan.Data.Csv 1.4.4 mis-splits input whose records end in a bare CR (classic Mac line ends; upstream
            // issue #198): a later CRLF can be cut in two and its LF glued to the next field. Every such mis-split shows
            // up as a record ending in a bare CR, so refusing those records means no silently wrong cell, ever.
            // A bare CR inside a quoted field is data and parses correctly.
            throw new CsvDataException(
                $"{(Row == 0 ? "The header" : $"Row {Row}")} (line {Line}) ends with a bare CR. Record ends must be LF or CRLF; classic-Mac CR line ends are not supported.",
                Row, Line);
        }

        _nextLine += LineBreaks(raw);
        return true;
    }

    /// <summary>Whether field <paramref name="field"/> of the current record was written as <c>""</c> (only asked about empty fields).</summary>
    public bool IsQuotedEmpty(int field)
    {
        // Sylvan gives the same empty span for ,, and ,"",; the raw record tells them apart. Rare and only with the
        // option on, but a record can have thousands of empty fields: one scan per record answers for all of them.
        if (_quotedScanRecord != _records) ScanQuotedFields();
        return field < _quotedFieldCount && _quotedFields[field];
    }

    /// <summary>Notes, for every field of the current record, whether it begins with a quote.</summary>
    private void ScanQuotedFields()
    {
        var raw = _csv.GetRawRecordSpan();
        int fields = _csv.RowFieldCount;
        if (_quotedFields.Length < fields) _quotedFields = new bool[Math.Max(fields, _quotedFields.Length * 2)];
        int index = 0;
        int i = 0;
        while (index < fields)
        {
            bool quoted = i < raw.Length && raw[i] == '"';
            _quotedFields[index] = quoted;
            if (quoted)
            {
                for (i++; i < raw.Length; i++)
                {
                    if (raw[i] != '"') continue;
                    if (i + 1 < raw.Length && raw[i + 1] == '"') { i++; continue; }
                    i++;
                    break;
                }
            }

            // on to the comma that ends this field
            while (i < raw.Length && raw[i] != ',') i++;
            i++;
            index++;
        }

        _quotedFieldCount = fields;
        _quotedScanRecord = _records;
    }

    /// <summary>Record ends are LF, CRLF or CR; quoted fields may hold more of them.</summary>
    internal static int LineBreaks(ReadOnlySpan<char> text)
    {
        // Nearly every record is one line: its only break is the LF that ends it. One scan settles that case.
        int first = text.IndexOfAny('\r', '\n');
        if (first < 0) return 0;
        if (first == text.Length - 1 && text[first] == '\n') return 1;

        int lf = text.Count('\n');
        if (!text.Contains('\r')) return lf;
        int breaks = lf;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) breaks++;
        }

        return breaks;
    }

    private static bool IsDataError(Exception e) => e is CsvFormatException or DecoderFallbackException;

    private static T Translate<T>(long row, long line, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsDataError(e))
        {
            throw TranslateError(e, null, row < 0 ? 1 : row, line < 0 ? 1 : line);
        }
    }

    private static CsvDataException TranslateError(Exception e, CsvRecordSource source)
    {
        long record = source._records + 1; // the record being read when it failed
        long line = source._nextLine;
        if (e is CsvFormatException)
        {
            try
            {
                // Sylvan keeps the record up to the field that failed: its line breaks move us to the field's first line.
                line += LineBreaks(source._csv.GetRawRecordSpan());
            }
            catch (InvalidOperationException)
            {
                // no partial record available: the record's own first line is the best we know
            }
        }

        return TranslateError(e, null, record - 1, line);
    }

    private static CsvDataException TranslateError(Exception e, CsvRecordSource? unused, long row, long line)
    {
        _ = unused;
        if (e is DecoderFallbackException)
        {
            return new CsvDataException($"The CSV is not valid text in its encoding near row {row} (line {line}).", row, line, innerException: e);
        }

        var format = (CsvFormatException)e;
        string what = e.Message.Contains("end of the input", StringComparison.OrdinalIgnoreCase)
            ? $"A quoted field beginning on line {line} is never closed: the input ends inside the quotes"
            : $"A quoted field on line {line} has text after its closing quote";
        return new CsvDataException($"{what} (row {row}, field {format.FieldOrdinal + 1}).", row, line, innerException: e);
    }

    /// <summary>
    /// Makes <see cref="Dispose"/> wait for <paramref name="user"/>: a tokenizing thread that was told to stop while a
    /// read of the stream was already under way lets go of the source when that read returns, not before.
    /// </summary>
    public void DisposeAfter(Task user) => _user = user;

    public void Dispose()
    {
        if (_user is { IsCompleted: false } user)
        {
            user.ContinueWith(static (_, csv) => ((CsvDataReader)csv!).Dispose(), _csv, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return;
        }

        _csv.Dispose();
    }
}
