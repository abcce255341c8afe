using System.Globalization;
using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// Large reads tokenize on a second thread and build columns on the caller's (RecordPipeline). The pipeline must be
/// invisible: the same frame cell for cell, the same problems, the same error at the same row and line, and a
/// cancelled or failed read never returns a shorter table. Each case reads the same bytes with every record on one
/// thread, with every record through the pipeline, and with the pipeline starting part-way, over whole and trickled input.
/// </summary>
public class PipelineTests
{
    private static readonly CsvReadOptions OneThread = new() { PipelineAfterRecords = long.MaxValue };

    private static readonly CsvReadOptions[] Pipelined =
    [
        new() { PipelineAfterRecords = 0 },
        new() { PipelineAfterRecords = 1000 },
    ];

    [Fact]
    public async Task A_large_mixed_result_reads_the_same_through_the_pipeline()
    {
        var csv = Generate(20_000);
        var expected = CsvFrameReader.Parse(csv, OneThread);
        Assert.Equal(20_000, expected.Frame.Rows.Count);
        Assert.Contains(expected.Problems, p => p.Expected == "9 fields"); // the short rows are there to be compared

        foreach (var options in Pipelined)
        {
            CsvTestSupport.AssertSameResult(expected, CsvFrameReader.Parse(csv, options), $"sync, pipeline after {options.PipelineAfterRecords}");
            CsvTestSupport.AssertSameResult(expected, await CsvTestSupport.ReadTrickledAsync(Encoding.UTF8.GetBytes(csv), 4093, options), $"async trickled, pipeline after {options.PipelineAfterRecords}");
        }
    }

    [Fact]
    public async Task Quoted_empty_strings_and_kept_extra_fields_survive_the_pipeline()
    {
        var csv = new StringBuilder("a,b\n");
        for (int i = 1; i <= 6000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"x{i % 7},");
            csv.Append(i % 5 == 0 ? "\"\"" : i % 5 == 1 ? "" : "y");
            if (i % 1777 == 0) csv.Append(",extra");
            csv.Append('\n');
        }

        var single = OneThread with { KeepQuotedEmptyAsEmptyString = true, ExtraFields = CsvExtraFieldsPolicy.KeepInGeneratedColumns };
        var expected = CsvFrameReader.Parse(csv.ToString(), single);
        Assert.Equal(string.Empty, expected.Frame.Columns["b"][4]);
        Assert.Null(expected.Frame.Columns["b"][0]);
        Assert.Equal(3, expected.Frame.Columns.Count);

        foreach (var options in Pipelined)
        {
            var pipelined = options with { KeepQuotedEmptyAsEmptyString = true, ExtraFields = CsvExtraFieldsPolicy.KeepInGeneratedColumns };
            CsvTestSupport.AssertSameResult(expected, CsvFrameReader.Parse(csv.ToString(), pipelined), "sync");
            CsvTestSupport.AssertSameResult(expected, await CsvTestSupport.ReadTrickledAsync(Encoding.UTF8.GetBytes(csv.ToString()), 777, pipelined), "async");
        }
    }

    /// <summary>
    /// A wide table whose distinct-text column (made into strings by the tokenizing thread) is empty in every other row:
    /// a batch's field table grows at records with and without a made string. (It once grew past the strings table at a
    /// record without one, and the builder read beyond it.)
    /// </summary>
    [Fact]
    public void A_wide_table_with_gaps_in_its_distinct_text_column_reads_the_same_through_the_pipeline()
    {
        var csv = new StringBuilder("note");
        for (int c = 1; c <= 20; c++) csv.Append(CultureInfo.InvariantCulture, $",n{c}");
        csv.Append('\n');
        for (int i = 1; i <= 30_000; i++)
        {
            csv.Append(i % 2 == 0 ? "" : $"note {i}");
            for (int c = 1; c <= 20; c++) csv.Append(CultureInfo.InvariantCulture, $",{(i * c) % 1000}");
            csv.Append('\n');
        }

        var expected = CsvFrameReader.Parse(csv.ToString(), OneThread);
        foreach (var options in Pipelined) CsvTestSupport.AssertSameResult(expected, CsvFrameReader.Parse(csv.ToString(), options), $"pipeline after {options.PipelineAfterRecords}");
    }

    /// <summary>
    /// The batch itself: its field table grows at a record whose distinct-text cell is empty (no string made), and that
    /// record ends the batch. Every field of every record must still answer "made string or not" without reading past
    /// the strings table (the bug: the builder read beyond it, IndexOutOfRangeException, seen once in 1M-row reads).
    /// </summary>
    [Fact]
    public void A_batch_whose_field_table_grows_at_a_record_without_a_made_string_reads_back_every_field()
    {
        var csv = new StringBuilder("note");
        for (int c = 1; c <= 20; c++) csv.Append(CultureInfo.InvariantCulture, $",n{c}");
        csv.Append('\n');
        const int Records = 800; // 21 fields each: the field table's first 16,384 entries run out at record 781
        for (int i = 1; i <= Records; i++)
        {
            csv.Append(i == 781 ? "" : $"note {i}");
            for (int c = 1; c <= 20; c++) csv.Append(CultureInfo.InvariantCulture, $",{c}");
            csv.Append('\n');
        }

        using var source = CsvRecordSource.Open(new StringReader(csv.ToString()), CsvReadOptions.Default);
        Assert.True(source.Read()); // the header
        var batch = new RecordBatch();
        bool[] makeStrings = [true];
        for (int i = 1; i <= 781; i++)
        {
            Assert.True(source.Read());
            batch.Add(source, trackQuotedEmpty: false, makeStrings);
        }

        for (int r = 0; r < batch.Count; r++)
        {
            var record = batch[r];
            Assert.Equal(21, record.FieldCount);
            Assert.Equal(r == 780 ? null : $"note {r + 1}", record.MadeString(0));
            for (int f = 1; f < 21; f++)
            {
                Assert.Null(record.MadeString(f));
                Assert.Equal(f.ToString(CultureInfo.InvariantCulture), record[f].ToString());
            }
        }
    }

    /// <summary>
    /// UseSecondThread decides which threads read the caller's input: off, every read is on the calling thread; on (the
    /// default), a large read's later reads are on another thread, on a machine with more than one core. The frames agree.
    /// </summary>
    [Fact]
    public void UseSecondThread_decides_whether_the_input_is_read_from_another_thread()
    {
        var csv = Generate(100_000); // past the 65,536 records the reader reads on one thread
        var off = new ThreadRecordingReader(csv);
        var oneThread = CsvFrameReader.Read(off, new CsvReadOptions { UseSecondThread = false });
        Assert.Equal([Environment.CurrentManagedThreadId], off.Threads);

        var on = new ThreadRecordingReader(csv);
        var twoThreads = CsvFrameReader.Read(on, new CsvReadOptions());
        Assert.Contains(Environment.CurrentManagedThreadId, on.Threads);
        if (Environment.ProcessorCount > 1) Assert.Contains(on.Threads, t => t != Environment.CurrentManagedThreadId);
        else Assert.Equal([Environment.CurrentManagedThreadId], on.Threads); // one core: never a second thread
        CsvTestSupport.AssertSameResult(oneThread, twoThreads, "second thread on");
    }

    private sealed class ThreadRecordingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);

        public HashSet<int> Threads { get; } = [];

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            lock (Threads) Threads.Add(Environment.CurrentManagedThreadId);
            return _inner.Read();
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            lock (Threads) Threads.Add(Environment.CurrentManagedThreadId);
            return _inner.Read(buffer);
        }
    }

    public static TheoryData<string> LateFaults => new()
    {
        "unterminated quote",
        "text after a closing quote",
        "invalid UTF-8",
        "extra fields",
        "short row in strict mode",
        "override misfit in strict mode",
    };

    [Theory]
    [MemberData(nameof(LateFaults))]
    public async Task A_fault_deep_in_the_input_fails_at_the_same_row_and_line_through_the_pipeline(string fault)
    {
        var (bytes, options) = WithLateFault(fault, rows: 15_000, at: 12_345);
        var single = options with { PipelineAfterRecords = long.MaxValue };
        var expectedSync = Assert.Throws<CsvDataException>(() => CsvFrameReader.Read(new MemoryStream(bytes), single));
        var expectedAsync = await Assert.ThrowsAsync<CsvDataException>(() => CsvTestSupport.ReadTrickledAsync(bytes, 1021, single));
        // Decoding runs a buffer ahead of tokenizing, so bad UTF-8 is reported near its row; every other fault at it.
        Assert.True(fault == "invalid UTF-8" ? expectedSync.Row > 11_000 : expectedSync.Row == 12_345, $"{fault}: reported at row {expectedSync.Row}");

        foreach (var pipelined in Pipelined)
        {
            var o = options with { PipelineAfterRecords = pipelined.PipelineAfterRecords };
            AssertSameError(expectedSync, Assert.Throws<CsvDataException>(() => CsvFrameReader.Read(new MemoryStream(bytes), o)));
            AssertSameError(expectedAsync, await Assert.ThrowsAsync<CsvDataException>(() => CsvTestSupport.ReadTrickledAsync(bytes, 1021, o)));
        }
    }

    private static void AssertSameError(CsvDataException expected, CsvDataException actual)
    {
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Row, actual.Row);
        Assert.Equal(expected.Line, actual.Line);
    }

    [Fact]
    public async Task Cancelling_part_way_through_a_pipelined_read_throws_and_never_returns_a_shorter_frame()
    {
        var bytes = Encoding.UTF8.GetBytes(Generate(30_000));
        for (int cancelAfter = 10_000; cancelAfter < bytes.Length; cancelAfter += bytes.Length / 7)
        {
            using var cts = new CancellationTokenSource();
            using var stream = new CancellingStream(bytes, 2048, cancelAfter, cts);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CsvFrameReader.ReadAsync(stream, new CsvReadOptions { PipelineAfterRecords = 100 }, cts.Token));
        }
    }

    /// <summary>Records of an id, an amount and quoted text with a comma and quotes; at row <paramref name="at"/>, the named fault.</summary>
    internal static (byte[] Bytes, CsvReadOptions Options) WithLateFault(string fault, int rows, int at)
    {
        var options = new CsvReadOptions();
        var csv = new StringBuilder("id,amount,name\n");
        for (int i = 1; i <= rows; i++)
        {
            if (i != at)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i},{i * 1.25},\"n{i}, \"\"q\"\"\"\n");
                continue;
            }

            switch (fault)
            {
                case "unterminated quote": csv.Append(CultureInfo.InvariantCulture, $"{i},1.5,\"never closed\n"); break;
                case "text after a closing quote": csv.Append(CultureInfo.InvariantCulture, $"{i},1.5,\"closed\"oops\n"); break;
                case "invalid UTF-8": csv.Append(CultureInfo.InvariantCulture, $"{i},1.5,\uFFFF\n"); break;
                case "extra fields": csv.Append(CultureInfo.InvariantCulture, $"{i},1.5,n,extra\n"); break;
                case "short row in strict mode": csv.Append(CultureInfo.InvariantCulture, $"{i},1.5\n"); options = options with { Strict = true }; break;
                default: csv.Append(CultureInfo.InvariantCulture, $"{i},lots,n\n"); options = options with { Strict = true, ColumnTypes = new Dictionary<string, CsvColumnType> { ["amount"] = CsvColumnType.Double } }; break;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        if (fault == "invalid UTF-8")
        {
            // U+FFFF encodes as EF BF BF; EF BF 00 is not UTF-8.
            int k = bytes.AsSpan().IndexOf([(byte)0xEF, (byte)0xBF, (byte)0xBF]);
            bytes[k + 2] = 0x28;
        }

        return (bytes, options);
    }

    /// <summary>
    /// Typed columns with nulls, a column that turns to text late (row 15,000), one promoted from integer to double
    /// late, quoted text with commas, quotes and line breaks, dates, timestamps, booleans, and some short rows.
    /// </summary>
    private static string Generate(int rows)
    {
        var rng = new Random(7);
        var csv = new StringBuilder("id,amount,late_text,late_double,note,day,at,flag,label\n");
        for (int i = 1; i <= rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},");
            csv.Append(i % 11 == 0 ? "" : (rng.Next(-100_000, 100_000) / 100.0).ToString("F2", CultureInfo.InvariantCulture)).Append(',');
            csv.Append(i == 15_000 ? "n/a" : (i % 3).ToString(CultureInfo.InvariantCulture)).Append(',');
            csv.Append(i == 14_999 ? "2.5" : rng.Next(1000).ToString(CultureInfo.InvariantCulture)).Append(',');
            csv.Append(i % 13 == 0 ? "" : $"\"note {i}, \"\"q\"\"{(i % 97 == 0 ? "\nsecond line" : "")}\"").Append(',');
            csv.Append(new DateTime(2024, 1, 1).AddDays(i % 400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
            csv.Append(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i * 37.5).ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
            if (i % 4999 == 0)
            {
                csv.Append('\n'); // a short row: a problem, and nulls in the rest
                continue;
            }

            csv.Append(',').Append(i % 2 == 0 ? "true" : "false").Append(',');
            csv.Append((char)('a' + (i % 5))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A trickling stream that cancels the read's token once <c>cancelAfter</c> bytes have been handed out.</summary>
    private sealed class CancellingStream(byte[] data, int chunk, int cancelAfter, CancellationTokenSource cts) : ModeSharp.Http.ReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position >= cancelAfter) cts.Cancel();
            int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            int n = Read(buffer.Span);
            cancellationToken.ThrowIfCancellationRequested();
            return n;
        }
    }
}
