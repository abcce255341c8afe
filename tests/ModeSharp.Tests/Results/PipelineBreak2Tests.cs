using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// Second review of the reader pipeline (after dedb7ac/749e7c2: strings made on the tokenizing thread, hand-over by
/// semaphores, Abandon's grace and DisposeAfter). Each case compares the pipelined read with the one-thread read.
/// Two failed on 749e7c2 and pass since the fix: records tokenized while the queue was full stayed with a tokenizer
/// stalled on the stream (the early hand-over now waits for room), and a throwing cancellation callback of the caller's
/// stream replaced the data error and let the source be disposed under the tokenizer (cancellation now runs the
/// callbacks on the thread pool).
/// </summary>
[Collection(nameof(PipelineBreakRunsAlone))]
public class PipelineBreak2Tests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

    // ---------------------------------------------------------------------------------------------------------------
    // Made strings: differential fuzz
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Tables whose distinct-text columns get flagged for made strings part-way (after the pool gives up, ~4,096 rows),
    /// mixed with everything the builder treats specially in such a column: missing-value strings, "" with
    /// KeepQuotedEmptyAsEmptyString, a Text override, extra columns that appear (and turn distinct) after the pipeline
    /// started, short rows, multi-line quoted cells, a BOM, -0 and other doubles compared by bits. Random pipeline
    /// start points (including around 4,096 and the first batches) and random read shapes (sync chunked reader, async
    /// stream completing synchronously or not). Frame, problems and errors must equal the one-thread read's.
    /// </summary>
    [Fact]
    public async Task Made_strings_fuzz_matches_one_thread()
    {
        var rng = new Random(20240607);
        var sw = Stopwatch.StartNew();
        int cases = 0, errors = 0;
        while (sw.Elapsed < Budget && cases < 60)
        {
            int rows = rng.Next(4500, 14_000);
            var (csv, options) = Fuzz(rng, rows);
            var bytes = Encoding.UTF8.GetBytes(csv);
            var one = options with { PipelineAfterRecords = long.MaxValue };
            long after = rng.Next(6) switch
            {
                0 => 0,
                1 => rng.Next(0, 3),
                2 => 4096 + rng.Next(-2, 3),
                3 => rows - rng.Next(0, 3),
                _ => rng.Next(0, rows),
            };
            var piped = options with { PipelineAfterRecords = after };
            int chunk = rng.Next(3) == 0 ? rng.Next(1, 64) : rng.Next(64, 20_000);
            string how = $"case {cases}: {rows} rows, after {after}, chunk {chunk}, {Describe(options)}";

            var (expected, expectedError) = Try(() => CsvFrameReader.Read(new ChunkedReader(csv, chunk), one));
            var (actual, actualError) = Try(() => CsvFrameReader.Read(new ChunkedReader(csv, chunk), piped));
            Compare(expected, expectedError, actual, actualError, how + ", sync");

            bool yields = rng.Next(2) == 0;
            var (expectedA, expectedAError) = await TryAsync(() => CsvFrameReader.ReadAsync(new FlexStream(bytes, chunk, yields), one));
            var (actualA, actualAError) = await TryAsync(() => CsvFrameReader.ReadAsync(new FlexStream(bytes, chunk, yields), piped));
            Compare(expectedA, expectedAError, actualA, actualAError, how + $", async (yields {yields})");
            if (expectedError is not null) errors++;
            cases++;
        }

        Assert.True(cases >= 5, $"only {cases} cases in {Budget}");
        Console.WriteLine($"made-strings fuzz: {cases} cases, {errors} failing reads, {sw.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// A single batch reused many times with made strings switching on and off per column and records of very
    /// different widths (one wider than the field budget): no stale made string, no stale quoted-empty flag leaks
    /// into a later record, and every field reads back.
    /// </summary>
    [Fact]
    public void A_reused_batch_never_leaks_made_strings_or_quoted_empty_flags()
    {
        var rng = new Random(3);
        var batch = new RecordBatch();
        for (int round = 0; round < 40; round++)
        {
            var lines = new List<string[]>();
            var csv = new StringBuilder();
            int records = rng.Next(1, 60);
            for (int r = 0; r < records; r++)
            {
                int width = rng.Next(20) == 0 ? 70_000 : rng.Next(1, 12);
                var cells = new string[width];
                for (int f = 0; f < width; f++)
                {
                    cells[f] = (rng.Next(4), width > 1000) switch
                    {
                        (_, true) => f % 3 == 0 ? "w" : "v", // non-empty: IsQuotedEmpty rescans the raw record per empty field (quadratic)
                        (0, _) => "",
                        (1, _) => "\"\"",
                        _ => $"r{round}c{r}f{f}",
                    };
                }

                lines.Add(cells);
                csv.Append(string.Join(',', cells)).Append('\n');
            }

            bool[] flags = Enumerable.Range(0, rng.Next(0, 14)).Select(_ => rng.Next(2) == 0).ToArray();
            using var source = CsvRecordSource.Open(new StringReader(csv.ToString()), CsvReadOptions.Default);
            batch.Reset();
            int added = 0;
            while (added < records && source.Read())
            {
                batch.Add(source, trackQuotedEmpty: true, flags);
                added++;
                if (batch.IsFull) break;
            }

            for (int r = 0; r < batch.Count; r++)
            {
                var record = batch[r];
                var cells = lines[r];
                Assert.Equal(cells.Length, record.FieldCount);
                for (int f = 0; f < cells.Length; f++)
                {
                    string text = cells[f] == "\"\"" ? "" : cells[f];
                    string? made = record.MadeString(f);
                    bool shouldMake = f < flags.Length && flags[f] && text.Length > 0;
                    if (shouldMake) Assert.Equal(text, made);
                    else Assert.True(made is null, $"round {round}, record {r}, field {f}: stale made string '{made}'");
                    if (made is null) Assert.Equal(text, record[f].ToString());
                    if (text.Length == 0) Assert.Equal(cells[f] == "\"\"", record.IsQuotedEmpty(f));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Abandon: cancellation callbacks, grace, disposal
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// A builder error (Strict short row) while the tokenizer is inside the caller's stream ReadAsync, whose
    /// cancellation callback throws (the classic <c>token.Register(() => tcs.SetCanceled())</c> racing a completed
    /// read, here made deterministic). The caller never cancelled anything; one thread throws the CsvDataException.
    /// The pipeline cancels its own linked token in AbandonAsync, CancellationTokenSource.Cancel() rethrows the
    /// callback's exception as an AggregateException, and that replaces the data error; the source is then disposed
    /// with the tokenizer still inside the read (DisposeAfter is never reached).
    /// </summary>
    [Fact]
    public async Task A_throwing_cancellation_callback_in_the_callers_stream_does_not_replace_the_data_error()
    {
        // Wide rows (the builder is slow to reach the fault); the fault's batch goes over full (a 140K record follows it,
        // so it does not depend on HandOverEarly finding room), and the stall is right after that record: the tokenizer
        // sits in the stalled ReadAsync, its callback registered, long before the builder reaches row 2000.
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, 100).Select(c => $"c{c}"))).Append('\n');
        for (int i = 1; i <= 2000; i++)
        {
            csv.Append(i == 2000 ? "short" : string.Join(',', Enumerable.Range(0, 100).Select(c => $"v{i}_{c}"))).Append('\n');
        }

        csv.Append('"').Append(new string('w', 140_000)).Append("\"\n");
        int stallAt = Encoding.UTF8.GetByteCount(csv.ToString());
        csv.Append("after,the,stall\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var options = new CsvReadOptions { Strict = true };
        foreach (var (name, after) in new[] { ("one thread", long.MaxValue), ("pipelined", 0L) })
        {
            using var stream = new CallbackStream(bytes, 4096, stallAt);
            var task = CsvFrameReader.ReadAsync(stream, options with { PipelineAfterRecords = after });
            bool inTime = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(2))) == task;
            stream.Release();
            var error = await Record.ExceptionAsync(() => task);
            Assert.True(inTime, $"{name}: not finished in 2 s");
            Assert.True(error is CsvDataException { Row: 2000 }, $"{name}: expected the row-2000 CsvDataException, got {error?.GetType().Name}: {error?.Message}");
        }
    }

    /// <summary>
    /// HandOverEarly hands the partial batch over before a read of the input only if the queue has room at that instant
    /// (<c>_room.Wait(0)</c>). When the tokenizer has run ahead (two batches queued) and then reads into a stall, the
    /// records already tokenized, including a bad one, stay in its hands while it waits on the stream; the builder drains
    /// the queue and waits too. One thread throws the row-2000 error at once; the pipelined read waits for the stream.
    /// </summary>
    [Theory]
    [InlineData(false, 4096)]
    [InlineData(true, 4096)]
    [InlineData(false, 512)]
    [InlineData(true, 512)]
    [InlineData(false, 4096, 3)] // control: a slow stream lets the builder keep up, the queue has room at the stall, and it passes
    public async Task Records_tokenized_while_the_queue_is_full_reach_the_builder_before_the_tokenizer_waits_on_the_stream(bool async, int chunk, int sleepMs = 0)
    {
        var text = StrictFaultText(at: 2000, rows: 5000);
        int stallAt = Encoding.UTF8.GetByteCount(text[..(text.IndexOf("\n2002,", StringComparison.Ordinal) + 1)]);
        var bytes = Encoding.UTF8.GetBytes(text);
        var options = new CsvReadOptions { Strict = true };
        int late = 0;
        const int Attempts = 3;
        foreach (var (name, after) in new[] { ("one thread", long.MaxValue), ("pipelined", 0L) })
        {
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                var stream = new GateStream(bytes, chunk, stallAt, honorToken: true, failAfterRelease: false, sleepMs);
                var o = options with { PipelineAfterRecords = after };
                var task = async ? CsvFrameReader.ReadAsync(stream, o) : Task.Factory.StartNew(() => CsvFrameReader.Read(stream, o), TaskCreationOptions.LongRunning);
                bool inTime = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5))) == task; // generous for a loaded machine: the defect waits for ever
                stream.Release();
                var error = await Record.ExceptionAsync(() => task);
                Assert.True(error is CsvDataException { Row: 2000 }, $"{name}: {error?.GetType().Name}: {error?.Message}");
                if (!inTime)
                {
                    Assert.True(name == "pipelined", "one thread did not throw at once");
                    late++;
                }
            }
        }

        Assert.True(late == 0, $"pipelined {(async ? "ReadAsync" : "Read")} (chunk {chunk}): the row-2000 error waited for the stalled stream in {late} of {Attempts} reads; one thread threw it at once every time");
    }

    /// <summary>
    /// A reader that is slow but never stalled (each read takes about the 250 ms grace): a builder error must be the
    /// same as on one thread, no read of the caller's reader may start after Read/ReadAsync has thrown, and the
    /// failure must not wait much longer than the read in progress.
    /// </summary>
    [Theory]
    [InlineData(200)]
    [InlineData(245)]
    [InlineData(255)]
    [InlineData(320)]
    public async Task A_slow_reader_near_the_grace_period_lets_go_and_is_not_read_after_the_call_returns(int readMs)
    {
        var text = StrictFaultText(at: 300, rows: 3000);
        var options = new CsvReadOptions { Strict = true, BufferSize = 4096 };
        var slowSync = new SlowReader(text, 2048, readMs);
        var e = Assert.Throws<CsvDataException>(() => CsvFrameReader.Read(slowSync, options with { PipelineAfterRecords = 0 }));
        slowSync.Returned = true;
        Assert.Equal(300, e.Row);

        var slowAsync = new SlowReader(text, 2048, readMs);
        var ea = await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(slowAsync, options with { PipelineAfterRecords = 0 }));
        slowAsync.Returned = true;
        Assert.Equal(300, ea.Row);

        await Task.Delay(readMs * 2 + 100);
        Assert.Equal(0, slowSync.StartedAfterReturn);
        Assert.Equal(0, slowAsync.StartedAfterReturn);
        Assert.False(slowSync.Overlapped || slowAsync.Overlapped, "two reads of the caller's reader at once");
    }

    /// <summary>
    /// Failures of every kind (builder errors with a stalled producer left behind, streams throwing part-way, caller
    /// cancellation, tokenizer errors), then the stalled streams released and collected: no unobserved task exception.
    /// </summary>
    [Fact]
    public async Task Failed_and_abandoned_reads_leave_no_unobserved_task_exception()
    {
        int unobserved = 0;
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Handler(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            Interlocked.Increment(ref unobserved);
            seen.Add(e.Exception.InnerException?.GetType().Name + ": " + e.Exception.InnerException?.Message);
        }

        TaskScheduler.UnobservedTaskException += Handler;
        try
        {
            var (bytes, stallAt) = StrictFaultThenStall(at: 2000, rows: 5000);
            var strict = new CsvReadOptions { Strict = true, PipelineAfterRecords = 0 };
            var released = new List<Action>();
            for (int i = 0; i < 6; i++)
            {
                // Builder error, producer stuck in a read that ignores cancellation: detached, then the stream fails.
                var stuck = new GateStream(bytes, 4096, stallAt, honorToken: false, failAfterRelease: i % 2 == 0);
                await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(stuck, strict));
                released.Add(stuck.Release);
                var stuckSync = new GateStream(bytes, 4096, stallAt, honorToken: false, failAfterRelease: i % 2 == 1);
                Assert.Throws<CsvDataException>(() => CsvFrameReader.Read(stuckSync, strict));
                released.Add(stuckSync.Release);

                // Caller cancellation with the producer stuck in a read that does observe the token.
                var cancellable = new GateStream(bytes, 4096, stallAt, honorToken: true, failAfterRelease: false);
                using var cts = new CancellationTokenSource(30);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CsvFrameReader.ReadAsync(cancellable, new CsvReadOptions { PipelineAfterRecords = 0 }, cts.Token));
                released.Add(cancellable.Release);

                // A tokenizer error while the builder is busy.
                var bad = Encoding.UTF8.GetBytes(StrictFaultText(at: -1, rows: 6000) + "1,2,\"never closed\n");
                await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(new MemoryStream(bad), new CsvReadOptions { PipelineAfterRecords = 0 }));
            }

            foreach (var release in released) release();
            await Task.Delay(600);
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            await Task.Delay(100);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Handler;
        }

        Assert.True(unobserved == 0, string.Join("; ", seen));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Caller's reader failing in odd places
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The caller's TextReader throws (IOException) from Read or ReadAsync, synchronously or from the returned task,
    /// at every position: the same exception as one thread, never a frame; and failures exactly at the pipeline's start.
    /// </summary>
    [Fact]
    public async Task A_reader_that_throws_anywhere_fails_like_one_thread()
    {
        var text = StrictFaultText(at: -1, rows: 5000);
        var sw = Stopwatch.StartNew();
        var rng = new Random(9);
        for (int i = 0; i < 200 && sw.Elapsed < Budget; i++)
        {
            int failAt = rng.Next(1, text.Length + 200);
            int chunk = rng.Next(1, 3000);
            bool syncThrow = rng.Next(2) == 0;
            long after = rng.Next(3) switch { 0 => 0, 1 => rng.Next(0, 5000), _ => 2048 };
            var one = new CsvReadOptions { PipelineAfterRecords = long.MaxValue };
            var piped = new CsvReadOptions { PipelineAfterRecords = after };

            var (e1, x1) = Try(() => CsvFrameReader.Read(new ThrowingReader(text, chunk, failAt, syncThrow), one));
            var (a1, y1) = Try(() => CsvFrameReader.Read(new ThrowingReader(text, chunk, failAt, syncThrow), piped));
            Compare(e1, x1, a1, y1, $"sync, fail at {failAt}, chunk {chunk}, after {after}");
            var (e2, x2) = await TryAsync(() => CsvFrameReader.ReadAsync(new ThrowingReader(text, chunk, failAt, syncThrow), one));
            var (a2, y2) = await TryAsync(() => CsvFrameReader.ReadAsync(new ThrowingReader(text, chunk, failAt, syncThrow), piped));
            Compare(e2, x2, a2, y2, $"async, fail at {failAt}, chunk {chunk}, after {after}, sync throw {syncThrow}");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs
    // ---------------------------------------------------------------------------------------------------------------

    private static (string Csv, CsvReadOptions Options) Fuzz(Random rng, int rows)
    {
        bool missing = rng.Next(2) == 0, keepQuoted = rng.Next(2) == 0, overrideText = rng.Next(2) == 0, extras = rng.Next(2) == 0;
        bool bom = rng.Next(3) == 0, multiline = rng.Next(3) == 0, shortRows = rng.Next(2) == 0;
        string fault = rng.Next(8) switch { 0 => "strict short row", 1 => "extra fields error", 2 => "unterminated quote", _ => "none" };
        if (fault == "extra fields error") extras = false;
        int faultAt = rng.Next(1, rows + 1);
        int extraFrom = rng.Next(1, rows);
        int extraWidth = rng.Next(1, 4);

        var csv = new StringBuilder(bom ? "\uFEFF" : "");
        csv.Append("id,note,forced,amount,day,cat\n");
        for (int i = 1; i <= rows; i++)
        {
            if (fault == "strict short row" && i == faultAt)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i},x\n");
                continue;
            }

            if (fault == "unterminated quote" && i == faultAt)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i},\"never closed\n");
                break;
            }

            string Distinct(string prefix) => (i % 17) switch
            {
                0 => "",
                1 => "\"\"",
                2 => missing ? "NA" : $"{prefix}{i}",
                3 when multiline => $"\"{prefix} {i}\nline two, \"\"q\"\"\"",
                _ => $"{prefix}{i * 7919 % 100_003}",
            };

            csv.Append(CultureInfo.InvariantCulture, $"{i},{Distinct("note ")},{Distinct("f")},");
            csv.Append((i % 23) switch { 0 => "", 1 => "-0", 2 => "1e308", 3 => "0.1", _ => (i * 0.37).ToString("R", CultureInfo.InvariantCulture) });
            if (shortRows && i % 1999 == 0)
            {
                csv.Append('\n');
                continue;
            }

            csv.Append(CultureInfo.InvariantCulture, $",2024-{1 + i % 12:D2}-{1 + i % 28:D2},{(char)('a' + i % 5)}");
            if (extras && i >= extraFrom && i % 3 != 0)
            {
                for (int k = 0; k < (i % 7 == 0 ? extraWidth + 1 : extraWidth); k++) csv.Append(CultureInfo.InvariantCulture, $",x{i}_{k}");
            }

            if (fault == "extra fields error" && i == faultAt) csv.Append(",oops");
            csv.Append('\n');
        }

        var options = new CsvReadOptions
        {
            MissingValues = missing ? ["NA"] : [],
            KeepQuotedEmptyAsEmptyString = keepQuoted,
            ColumnTypes = overrideText ? new Dictionary<string, CsvColumnType> { ["forced"] = CsvColumnType.Text } : new Dictionary<string, CsvColumnType>(),
            ExtraFields = extras ? CsvExtraFieldsPolicy.KeepInGeneratedColumns : CsvExtraFieldsPolicy.Error,
            Strict = fault == "strict short row",
            BufferSize = rng.Next(2) == 0 ? 128 + rng.Next(0, 4000) : 64 * 1024,
        };
        return (csv.ToString(), options);
    }

    private static string Describe(CsvReadOptions o) =>
        $"missing [{string.Join(",", o.MissingValues)}], keepQuoted {o.KeepQuotedEmptyAsEmptyString}, overrides {o.ColumnTypes.Count}, extra {o.ExtraFields}, strict {o.Strict}, buffer {o.BufferSize}";

    private static string StrictFaultText(int at, int rows)
    {
        var csv = new StringBuilder("id,amount,name\n");
        for (int i = 1; i <= rows; i++)
        {
            csv.Append(i == at ? string.Create(CultureInfo.InvariantCulture, $"{i},1.5\n") : string.Create(CultureInfo.InvariantCulture, $"{i},{i * 1.25},n{i}\n"));
        }

        return csv.ToString();
    }

    /// <summary>A Strict short row at <paramref name="at"/>, then a 140K-char record (hands the batch over), then the stall.</summary>
    private static (byte[] Bytes, int StallAt) StrictFaultThenStall(int at, int rows)
    {
        var text = StrictFaultText(at, rows);
        int start = text.IndexOf($"\n{at + 1},", StringComparison.Ordinal) + 1;
        int end = text.IndexOf('\n', start) + 1;
        string huge = string.Create(CultureInfo.InvariantCulture, $"{at + 1},1.5,\"{new string('w', 140_000)}\"\n");
        text = text[..start] + huge + text[end..];
        return (Encoding.UTF8.GetBytes(text), start + huge.Length);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparison
    // ---------------------------------------------------------------------------------------------------------------

    private static (CsvFrameResult? Result, Exception? Error) Try(Func<CsvFrameResult> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private static async Task<(CsvFrameResult? Result, Exception? Error)> TryAsync(Func<Task<CsvFrameResult>> read)
    {
        try
        {
            return (await read(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private static void Compare(CsvFrameResult? expected, Exception? expectedError, CsvFrameResult? actual, Exception? actualError, string how)
    {
        if (expectedError is not null || actualError is not null)
        {
            Assert.True(expectedError?.GetType() == actualError?.GetType(), $"{how}: one thread {expectedError?.GetType().Name}: {expectedError?.Message}; pipelined {actualError?.GetType().Name}: {actualError?.Message}");
            Assert.Equal(expectedError!.Message, actualError!.Message);
            if (expectedError is CsvDataException d)
            {
                var p = (CsvDataException)actualError;
                Assert.True(d.Row == p.Row && d.Line == p.Line, $"{how}: row/line {d.Row}/{d.Line} vs {p.Row}/{p.Line}");
            }

            return;
        }

        CsvTestSupport.AssertSameResult(expected!, actual!, how);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Readers and streams
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>A text reader serving at most <c>chunk</c> chars per read.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }

    /// <summary>A byte stream of chunked reads whose ReadAsync either completes synchronously or yields first.</summary>
    private sealed class FlexStream(byte[] data, int chunk, bool yields) : ModeSharp.Http.ReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            yields ? Yielding(buffer) : new ValueTask<int>(Read(buffer.Span));

        private async ValueTask<int> Yielding(Memory<byte> buffer)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }
    }

    /// <summary>
    /// Serves <c>data</c>; at <c>stallAt</c> its ReadAsync waits for <see cref="Release"/> and registers on its token a
    /// callback that throws (as <c>tcs.SetCanceled()</c> does on an already completed source).
    /// </summary>
    private sealed class CallbackStream(byte[] data, int chunk, int stallAt) : StallingStream(data, chunk, stallAt)
    {
        public override int Read(Span<byte> buffer)
        {
            if (AtStall) WaitForRelease();
            return Serve(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (AtStall)
            {
                using (cancellationToken.Register(static () => throw new InvalidOperationException("An attempt was made to transition a task to a final state when it had already completed.")))
                {
                    await Released.ConfigureAwait(false);
                }
            }

            return Serve(buffer.Span);
        }
    }

    /// <summary>Serves <c>data</c> up to <c>stallAt</c>, then waits for <see cref="Release"/>; optionally fails every read after that.</summary>
    private sealed class GateStream(byte[] data, int chunk, int stallAt, bool honorToken, bool failAfterRelease, int sleepMs = 0) : StallingStream(data, chunk, stallAt)
    {
        public override int Read(Span<byte> buffer)
        {
            if (AtStall)
            {
                WaitForRelease();
                if (failAfterRelease) throw new IOException("connection reset after the stall");
            }

            if (sleepMs > 0) Thread.Sleep(sleepMs);
            return Serve(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (AtStall)
            {
                await (honorToken ? Released.WaitAsync(cancellationToken) : Released).ConfigureAwait(false);
                if (failAfterRelease) throw new IOException("connection reset after the stall");
            }

            return Serve(buffer.Span);
        }
    }

    /// <summary>Each read sleeps <c>readMs</c>; counts reads started after the test marked the call as returned, and overlapping reads.</summary>
    private sealed class SlowReader(string text, int chunk, int readMs) : TextReader
    {
        private int _position;
        private int _inRead;

        public volatile bool Returned;
        public int StartedAfterReturn;
        public volatile bool Overlapped;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (Returned) Interlocked.Increment(ref StartedAfterReturn);
            if (Interlocked.Increment(ref _inRead) > 1) Overlapped = true;
            try
            {
                // Only the reads past the fault are slow, so the fault is reached quickly.
                if (_position > 12_000) Thread.Sleep(readMs);
                int n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
                text.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            finally
            {
                Interlocked.Decrement(ref _inRead);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (Returned) Interlocked.Increment(ref StartedAfterReturn);
            if (_position > 12_000) await Task.Delay(readMs, CancellationToken.None);
            int n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();
    }

    /// <summary>Throws IOException once <c>failAt</c> chars are out; from ReadAsync either synchronously or from the task.</summary>
    private sealed class ThrowingReader(string text, int chunk, int failAt, bool syncThrow) : TextReader
    {
        private int _position;

        public override int Peek() => throw new InvalidOperationException("Peek is not expected");

        public override int Read() => throw new InvalidOperationException("Read() is not expected");

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position >= failAt) throw new IOException($"reader failed at {_position}");
            int n = Math.Min(Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position), Math.Max(1, failAt - _position));
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (syncThrow) return new ValueTask<int>(Read(buffer.Span));
            return Later(buffer);
        }

        private async ValueTask<int> Later(Memory<char> buffer)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();
    }
}

