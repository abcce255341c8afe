using Microsoft.Data.Analysis;

namespace ModeSharp.Results;

/// <summary>Feeds records from the tokenizer into column builders and assembles the result: the one-pass read.</summary>
internal sealed class FrameAssembler
{
    private readonly CsvReadOptions _options;
    private readonly ReadContext _context;
    private readonly List<ColumnBuilder> _builders = [];
    private readonly List<string?> _originalNames = [];
    private readonly List<CsvRenamedHeader> _renamed = [];
    private int _headerCount;
    private int _rows;

    public FrameAssembler(CsvReadOptions options)
    {
        _options = options;
        _context = new ReadContext(options);
    }

    public static CsvFrameResult Read(CsvRecordSource source, CsvReadOptions options)
    {
        var assembler = new FrameAssembler(options);
        if (!source.Read())
        {
            throw NoHeader();
        }

        try
        {
            assembler.Header(source);
            long inline = InlineRecords(options);
            while (assembler._rows < inline)
            {
                if (!source.Read()) return assembler.Finish();
                assembler.Row(new SourceRecord(source));
            }

            // A large result: tokenizing moves to a second thread and this one builds columns.
            var pipeline = RecordPipeline.Start(source, options);
            assembler.UpdateMadeStrings(pipeline);
            try
            {
                while (pipeline.Next() is { } batch)
                {
                    assembler.Rows(batch, pipeline);
                    pipeline.Return(batch);
                }
            }
            catch
            {
                pipeline.Abandon();
                throw;
            }

            pipeline.Stop();
            return assembler.Finish();
        }
        catch
        {
            assembler.Release();
            throw;
        }
    }

    public static async Task<CsvFrameResult> ReadAsync(CsvRecordSource source, CsvReadOptions options, CancellationToken cancellationToken)
    {
        var assembler = new FrameAssembler(options);
        if (!await source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw NoHeader();
        }

        try
        {
            assembler.Header(source);
            long inline = InlineRecords(options);
            while (assembler._rows < inline)
            {
                if (!await source.ReadAsync(cancellationToken).ConfigureAwait(false)) return assembler.Finish();
                assembler.Row(new SourceRecord(source));
            }

            var pipeline = RecordPipeline.StartAsync(source, options, cancellationToken);
            assembler.UpdateMadeStrings(pipeline);
            try
            {
                while (await pipeline.NextAsync(cancellationToken).ConfigureAwait(false) is { } batch)
                {
                    assembler.Rows(batch, pipeline);
                    pipeline.Return(batch);
                }
            }
            catch
            {
                await pipeline.AbandonAsync().ConfigureAwait(false);
                throw;
            }

            await pipeline.StopAsync().ConfigureAwait(false);
            return assembler.Finish();
        }
        catch
        {
            assembler.Release();
            throw;
        }
    }

    /// <summary>
    /// How many records are built as they are tokenized, on one thread, before the rest is pipelined: small results
    /// never start a thread, and a machine with one core never pipelines.
    /// </summary>
    private static long InlineRecords(CsvReadOptions options) =>
        options.PipelineAfterRecords ?? (options.UseSecondThread && RecordPipeline.IsWorthwhile ? 64 * 1024 : long.MaxValue);

    /// <summary>Builds a batch's records, then fails where the tokenizer failed after them.</summary>
    private void Rows(RecordBatch batch, RecordPipeline pipeline)
    {
        for (int r = 0; r < batch.Count; r++) Row(batch[r]);
        batch.Error?.Throw();
        UpdateMadeStrings(pipeline);
    }

    /// <summary>Tells the tokenizer which columns have settled as text of distinct values: it makes their strings.</summary>
    private void UpdateMadeStrings(RecordPipeline pipeline)
    {
        var flags = pipeline.MakeStrings;
        bool changed = flags.Length != _builders.Count;
        for (int i = 0; i < _builders.Count && !changed; i++) changed = flags[i] != _builders[i].WantsFreshStrings;
        if (!changed) return;
        pipeline.MakeStrings = _builders.Select(b => b.WantsFreshStrings).ToArray();
    }

    /// <summary>
    /// A failed read (bad data, a cut-off body, cancellation) frees its native staging memory at once: the GC does
    /// not see native memory, so waiting for finalizers could let repeated failures pile it up.
    /// </summary>
    private void Release()
    {
        foreach (var builder in _builders) builder.Release();
    }

    /// <summary>
    /// A results CSV always has its header, even with no rows; an empty body means the export is broken or was cut
    /// off, and must not pass for an empty table.
    /// </summary>
    internal static CsvDataException NoHeader() => new(
        "The CSV is empty: it has no header record. A result with no rows still has its header, so the export is broken or was cut off.",
        row: 0, line: 1, expected: "a header record");

    /// <summary>Reads the header record into unique names and checks the overrides against them.</summary>
    internal static string[] ReadHeader(CsvRecordSource source, CsvReadOptions options, List<CsvRenamedHeader> renamed, out string[] original)
    {
        original = new string[source.FieldCount];
        for (int i = 0; i < original.Length; i++) original[i] = source[i].ToString();
        var names = HeaderNames.MakeUnique(original, renamed);
        var unknown = options.ColumnTypes.Keys.Where(k => !names.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Column type overrides name columns the CSV does not have: {string.Join(", ", unknown)}. Its columns are: {string.Join(", ", names)}.",
                nameof(options));
        }

        return names;
    }

    private void Header(CsvRecordSource source)
    {
        var names = ReadHeader(source, _options, _renamed, out var original);
        _headerCount = names.Length;
        for (int i = 0; i < names.Length; i++)
        {
            _builders.Add(new ColumnBuilder(names[i], Override(names[i]), _context));
            _originalNames.Add(original[i]);
        }
    }

    private CsvColumnType? Override(string name) => _options.ColumnTypes.TryGetValue(name, out var type) ? type : null;

    private void Row<TRecord>(TRecord record) where TRecord : struct, IRecordView
    {
        _context.Row = record.Row;
        _context.Line = record.Line;
        int fields = record.FieldCount;
        if (fields > _builders.Count) AddExtraColumns(record.Row, record.Line, fields);
        else if (fields < _headerCount) _context.Report(null, $"{_headerCount} fields", $"{fields} fields");

        bool keepQuotedEmpty = _options.KeepQuotedEmptyAsEmptyString;
        var builders = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_builders);
        for (int i = 0; i < fields; i++)
        {
            if (record.MadeString(i) is { } made)
            {
                builders[i].AppendString(made);
                continue;
            }

            var cell = record[i];
            builders[i].Append(cell, keepQuotedEmpty && cell.IsEmpty && record.IsQuotedEmpty(i));
        }

        for (int i = fields; i < builders.Length; i++) builders[i].AppendNulls(1);
        _rows++;
    }

    private void AddExtraColumns(long row, long line, int fields)
    {
        if (_options.ExtraFields == CsvExtraFieldsPolicy.Error)
        {
            throw new CsvDataException(
                $"Row {row} (line {line}) has {fields} fields but the header has {_headerCount}; a value would be lost. " +
                "Set CsvReadOptions.ExtraFields to KeepInGeneratedColumns to keep extra fields.",
                row, line, expected: $"{_headerCount} fields");
        }

        _context.Report(null, $"{_headerCount} fields", $"{fields} fields");
        var used = new HashSet<string>(_builders.Select(b => b.Name), StringComparer.Ordinal);
        while (_builders.Count < fields)
        {
            var name = HeaderNames.Extra(_builders.Count + 1, used);
            used.Add(name);
            var builder = new ColumnBuilder(name, Override(name), _context);
            builder.AppendNulls(_rows);
            _builders.Add(builder);
            _originalNames.Add(null);
        }
    }

    private CsvFrameResult Finish()
    {
        var columns = new List<DataFrameColumn>(_builders.Count);
        var infos = new List<CsvColumnInfo>(_builders.Count);
        for (int i = 0; i < _builders.Count; i++)
        {
            var built = _builders[i].Build();
            columns.Add(built.Column);
            infos.Add(new CsvColumnInfo(i + 1, _builders[i].Name, _originalNames[i], built.Type, built.IsUtc));
        }

        var specification = new CsvColumnSpecification(_rows, infos, _renamed);
        return new CsvFrameResult(new DataFrame(columns), specification, _context.Problems);
    }
}
