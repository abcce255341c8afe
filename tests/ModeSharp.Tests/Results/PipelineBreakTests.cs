using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// The pipeline review tests run alone (PipelineBreakTests, PipelineBreak2Tests): one starves the thread pool on purpose,
/// others time stalls or count unobserved task exceptions process-wide.
/// </summary>
[CollectionDefinition(nameof(PipelineBreakRunsAlone), DisableParallelization = true)]
public sealed class PipelineBreakRunsAlone;

/// <summary>
/// Review tests that try to break the reader pipeline (RecordPipeline / RecordBatch / FrameAssembler). Each compares
/// the pipelined read (<c>PipelineAfterRecords = 0</c> or part-way) with the one-thread read of the same input.
/// The first five failed on the pipeline's first version (096d6b8: builder errors waited for stalled streams, a
/// partly filled batch waited for the stream, hand-overs needed thread-pool threads); the rest held from the start.
/// </summary>
[Collection(nameof(PipelineBreakRunsAlone))]
public class PipelineBreakTests
{
    private static readonly CsvReadOptions OneThread = new() { PipelineAfterRecords = long.MaxValue };
    private static readonly CsvReadOptions AllPipelined = new() { PipelineAfterRecords = 0 };
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5); // generous: a loaded 2-core CI machine; a hang never ends at all

    // ---------------------------------------------------------------------------------------------------------------
    // Found broken in the first version, fixed
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// A Strict (or ExtraFields=Error) failure found by the consumer while the producer is blocked inside a synchronous
    /// stream read: Stop() cancels a token nobody can see and waits for the read. One thread throws at once; the
    /// pipelined Read hangs until the stream produces more (forever, for a silent socket).
    /// </summary>
    [Theory]
    [InlineData("short row in strict mode")]
    [InlineData("extra fields")]
    public void A_builder_error_before_a_stalled_stream_is_thrown_at_once_by_a_sync_read(string fault)
    {
        var (bytes, stallAt, options) = FaultThenStall(fault, at: 2000, rows: 5000);

        var single = ReadOnThread(bytes, stallAt, s => CsvFrameReader.Read(s, options with { PipelineAfterRecords = long.MaxValue }), out bool singleInTime);
        Assert.True(singleInTime);
        Assert.Equal(2000, Assert.IsType<CsvDataException>(single).Row);

        var piped = ReadOnThread(bytes, stallAt, s => CsvFrameReader.Read(s, options with { PipelineAfterRecords = 0 }), out bool pipedInTime);
        Assert.Equal(2000, Assert.IsType<CsvDataException>(piped).Row); // the right error, but only once the stream was released
        Assert.True(pipedInTime, $"pipelined Read did not throw the row-2000 error within {Patience.TotalSeconds} s of a stream that stalls after row 2001; one thread did at once");
    }

    /// <summary>
    /// The same with ReadAsync over a stream whose ReadAsync does not observe the token (Stream's default ReadAsync
    /// over a blocking Read does not): StopAsync awaits a read that cancellation cannot end.
    /// </summary>
    [Fact]
    public async Task A_builder_error_before_a_stream_that_ignores_cancellation_is_thrown_at_once_by_an_async_read()
    {
        var (bytes, stallAt, options) = FaultThenStall("short row in strict mode", at: 2000, rows: 5000);
        foreach (var (name, pipelineAfter) in new[] { ("one thread", long.MaxValue), ("pipelined", 0L) })
        {
            using var stream = new ScriptedStream(bytes, 4096, stallAt, honorToken: false);
            var read = CsvFrameReader.ReadAsync(stream, options with { PipelineAfterRecords = pipelineAfter });
            bool inTime = await Task.WhenAny(read, Task.Delay(Patience)) == read;
            stream.Release();
            var error = await Assert.ThrowsAsync<CsvDataException>(() => read);
            Assert.Equal(2000, error.Row);
            Assert.True(inTime, $"{name}: ReadAsync did not throw the row-2000 error within {Patience.TotalSeconds} s of a stream that stalls after row 2001");
        }
    }

    /// <summary>
    /// A consumer-side error (Strict, ExtraFields=Error) in a record that sits in the producer's partial batch is never
    /// seen while the stream is quiet: the batch is handed over only when full or at the end. One thread throws at once;
    /// the pipelined ReadAsync waits, and a caller that gives up gets OperationCanceledException instead of the data error.
    /// </summary>
    [Fact]
    public async Task Records_already_tokenized_reach_the_builder_before_the_tokenizer_waits_on_the_stream()
    {
        var (bytes, options) = WithFault("short row in strict mode", rows: 150, at: 100);
        foreach (var (name, pipelineAfter) in new[] { ("one thread", long.MaxValue), ("pipelined", 0L) })
        {
            using var stream = new ScriptedStream(bytes, 4096, stallAt: bytes.Length, honorToken: true);
            using var cts = new CancellationTokenSource(Patience);
            var error = await Record.ExceptionAsync(() => CsvFrameReader.ReadAsync(stream, options with { PipelineAfterRecords = pipelineAfter }, cts.Token));
            stream.Release();
            Assert.True(error is CsvDataException { Row: 100 }, $"{name}: expected the row-100 CsvDataException while the stream is quiet, got {error?.GetType().Name}: {error?.Message}");
        }
    }

    /// <summary>
    /// The synchronous Read hands batches over with sync-over-async waits (ValueTask.AsTask().GetResult() on channel
    /// operations whose continuations run on the thread pool). With every pool thread busy, the pipelined sync Read
    /// stops making progress; the one-thread Read does not need the pool at all.
    /// </summary>
    [Fact]
    public void A_sync_read_needs_no_thread_pool_thread()
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(20_000));
        var gate = new ManualResetEventSlim(); // not disposed: the queued work items still wait on it after the test
        for (int i = 0; i < 300; i++) ThreadPool.UnsafeQueueUserWorkItem(static g => g.Wait(), gate, preferLocal: false);
        Thread.Sleep(200);
        bool singleInTime;
        bool pipedInTime;
        Thread single = new(() => CsvFrameReader.Read(new MemoryStream(bytes), OneThread)) { IsBackground = true };
        Thread piped = new(() => CsvFrameReader.Read(new MemoryStream(bytes), AllPipelined)) { IsBackground = true };
        try
        {
            single.Start();
            singleInTime = single.Join(Patience);
            piped.Start();
            pipedInTime = piped.Join(Patience);
        }
        finally
        {
            gate.Set();
        }

        Assert.True(piped.Join(TimeSpan.FromSeconds(20)), "still stuck after the pool was freed");
        Assert.True(singleInTime, "one-thread Read did not finish with the pool busy");
        Assert.True(pipedInTime, $"pipelined sync Read of 20,000 rows did not finish within {Patience.TotalSeconds} s while the thread pool was busy; one thread did");
    }

    /// <summary>
    /// As many synchronous reads at once as the pool has threads to start with (Parallel.For over files, or Task.Run
    /// per request): each pipelined read blocks its pool thread in Next() on a channel wait that only another pool
    /// thread can complete, so progress waits for the pool to inject threads (about two a second). The same reads
    /// through ReadAsync, or on one thread each, are fast.
    /// </summary>
    [Fact]
    public async Task Parallel_sync_reads_on_pool_threads_do_not_starve_the_pool()
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(20_000));
        int count = Math.Clamp(ThreadPool.ThreadCount + 1, Math.Max(2, Environment.ProcessorCount), 64); // every pool thread there is now
        double Time(CsvReadOptions o)
        {
            var sw = Stopwatch.StartNew();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, _ => CsvFrameReader.Read(new MemoryStream(bytes), o));
            return sw.Elapsed.TotalMilliseconds;
        }

        Time(OneThread);
        double one = Time(OneThread);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => CsvFrameReader.ReadAsync(new MemoryStream(bytes), AllPipelined))));
        double pipedAsync = sw.Elapsed.TotalMilliseconds;
        double piped = 0;
        var runner = new Thread(() => piped = Time(AllPipelined)) { IsBackground = true };
        runner.Start();
        bool inTime = runner.Join(Patience);
        if (!inTime)
        {
            // Unstick it for the tests that follow: more threads at once, then the pool's own minimum again.
            ThreadPool.GetMinThreads(out int workers, out int io);
            ThreadPool.SetMinThreads(count * 3, io);
            runner.Join();
            ThreadPool.SetMinThreads(workers, io);
        }

        string report = $"{count} parallel reads (pool had {ThreadPool.ThreadCount} threads) of 20,000 rows on pool threads: sync one thread {one:F0} ms, async pipelined {pipedAsync:F0} ms, sync pipelined {(inTime ? $"{piped:F0} ms" : $"stuck for {Patience.TotalSeconds} s (freed by raising the pool's minimum; {piped:F0} ms in all)")}";
        Console.WriteLine(report);
        Assert.True(inTime && piped < 5 * one + 300, report);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Held up
    // ---------------------------------------------------------------------------------------------------------------

    public static TheoryData<string> Shapes => new()
    {
        "header only",
        "empty lines",
        "one huge record among small ones",
        "records larger than the text budget",
        "thousands of fields",
        "multi-line quoted fields",
        "quoted empties and missing values",
        "extra columns late",
        "column types",
        "exactly 2048",
        "exactly 4096 plus one",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Batch_boundaries_never_change_the_frame(string shape)
    {
        var (csv, options) = Shape(shape);
        var bytes = Encoding.UTF8.GetBytes(csv);
        var expected = CsvFrameReader.Read(new MemoryStream(bytes), options with { PipelineAfterRecords = long.MaxValue });
        long rows = expected.Frame.Rows.Count;
        foreach (long after in new[] { 0L, 1, 2047, 2048, 2049, Math.Max(0, rows - 1), rows, rows + 1 })
        {
            var o = options with { PipelineAfterRecords = after };
            CsvTestSupport.AssertSameResult(expected, CsvFrameReader.Read(new MemoryStream(bytes), o), $"{shape}, sync, after {after}");
            CsvTestSupport.AssertSameResult(expected, await CsvTestSupport.ReadTrickledAsync(bytes, 997, o), $"{shape}, async, after {after}");
        }
    }

    public static TheoryData<string> StreamFaults => new() { "IOException", "stream's own OperationCanceledException", "NotSupportedException" };

    /// <summary>A stream that throws part-way: the same exception (type and message) as one thread, never a frame.</summary>
    [Theory]
    [MemberData(nameof(StreamFaults))]
    public async Task A_stream_that_throws_part_way_fails_like_one_thread(string fault)
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(12_000));
        Func<Exception> make = fault switch
        {
            "IOException" => () => new IOException("connection reset"),
            "NotSupportedException" => () => new NotSupportedException("sync reads are not allowed"),
            _ => () => new OperationCanceledException("the stream's own timeout"),
        };

        for (int at = 1; at < bytes.Length; at += bytes.Length / 37)
        {
            foreach (var options in new[] { AllPipelined, new CsvReadOptions { PipelineAfterRecords = 3000 } })
            {
                var expectedSync = Record.Exception(() => CsvFrameReader.Read(new ScriptedStream(bytes, 1500, at, make), OneThread));
                var actualSync = Record.Exception(() => CsvFrameReader.Read(new ScriptedStream(bytes, 1500, at, make), options));
                Assert.NotNull(expectedSync);
                Assert.Equal(expectedSync.GetType(), actualSync?.GetType());
                Assert.Equal(expectedSync.Message, actualSync!.Message);

                var expectedAsync = await Record.ExceptionAsync(() => CsvFrameReader.ReadAsync(new ScriptedStream(bytes, 1500, at, make), OneThread));
                var actualAsync = await Record.ExceptionAsync(() => CsvFrameReader.ReadAsync(new ScriptedStream(bytes, 1500, at, make), options));
                Assert.NotNull(expectedAsync);
                Assert.Equal(expectedAsync.GetType(), actualAsync?.GetType());
                Assert.Equal(expectedAsync.Message, actualAsync!.Message);
            }
        }
    }

    /// <summary>
    /// Consumer-side failures at random rows, hundreds of times: the same error, and the text reader is never read after
    /// Read/ReadAsync has returned or thrown (the producer has let go of the source).
    /// </summary>
    [Fact]
    public async Task Consumer_failures_race_the_producer_and_never_touch_the_source_afterwards()
    {
        var rng = new Random(11);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 300 && sw.Elapsed < TimeSpan.FromSeconds(4); i++)
        {
            int at = rng.Next(1, 7000);
            var (bytes, options) = WithFault(i % 2 == 0 ? "short row in strict mode" : "extra fields", rows: 7000, at: at);
            var text = Encoding.UTF8.GetString(bytes);
            var o = options with { PipelineAfterRecords = rng.Next(3) == 0 ? 0 : rng.Next(0, at + 1) };

            var watched = new WatchedReader(text, rng.Next(1, 600));
            var e = Assert.Throws<CsvDataException>(() => CsvFrameReader.Read(watched, o));
            watched.Returned = true;
            Assert.Equal(at, e.Row);

            var watchedAsync = new WatchedReader(text, rng.Next(1, 600));
            var ea = await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(watchedAsync, o));
            watchedAsync.Returned = true;
            Assert.Equal(at, ea.Row);

            Thread.Sleep(1);
            Assert.Equal(0, watched.ReadsAfterReturn + watchedAsync.ReadsAfterReturn);
        }
    }

    /// <summary>
    /// Cancellation at every stage (while the producer reads, while it waits to hand over, at the final batch, while the
    /// consumer builds): always OperationCanceledException or, if it came too late, the whole frame; never a shorter one.
    /// </summary>
    [Fact]
    public async Task Cancellation_at_any_moment_never_returns_a_shorter_frame()
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(9000));
        var expected = CsvFrameReader.Read(new MemoryStream(bytes), OneThread);
        var rng = new Random(5);
        var sw = Stopwatch.StartNew();
        int cancelled = 0, whole = 0;
        for (int i = 0; i < 400 && sw.Elapsed < TimeSpan.FromSeconds(4); i++)
        {
            using var cts = new CancellationTokenSource();
            var stream = new CancellingStream(bytes, rng.Next(200, 5000), rng.Next(0, bytes.Length + 5000), cts, throwOwnOnCancel: i % 3 == 0);
            var task = CsvFrameReader.ReadAsync(stream, new CsvReadOptions { PipelineAfterRecords = rng.Next(3) == 0 ? 0 : rng.Next(0, 9000) }, cts.Token);
            if (i % 4 == 0) cts.CancelAfter(rng.Next(0, 3));
            try
            {
                var result = await task;
                CsvTestSupport.AssertSameResult(expected, result, $"iteration {i}");
                whole++;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }

        Assert.True(cancelled > 10 && whole > 0, $"{cancelled} cancelled, {whole} whole");
    }

    /// <summary>
    /// Cancelling while the producer is blocked inside a stream read that observes its token, or while the consumer
    /// waits for a batch: OperationCanceledException promptly, carrying the caller's token as on one thread.
    /// </summary>
    [Fact]
    public async Task Cancelling_while_the_producer_is_blocked_in_a_cancellable_read_throws_promptly()
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(20_000));
        foreach (int stallAt in new[] { 100, 40_000, 300_000, bytes.Length })
        {
            foreach (var options in new[] { OneThread, AllPipelined, new CsvReadOptions { PipelineAfterRecords = 500 } })
            {
                using var stream = new ScriptedStream(bytes, 4096, stallAt, honorToken: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
                var sw = Stopwatch.StartNew();
                var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CsvFrameReader.ReadAsync(stream, options, cts.Token));
                Assert.True(sw.Elapsed < Patience, $"stall at {stallAt}, after {options.PipelineAfterRecords}: {sw.Elapsed}");
                Assert.Equal(cts.Token, e.CancellationToken);
                stream.Release();
            }
        }
    }

    /// <summary>A pipelined read that succeeds throws nothing, not even first-chance exceptions caught inside.</summary>
    [Fact]
    public async Task A_successful_pipelined_read_throws_no_first_chance_exceptions()
    {
        var bytes = Encoding.UTF8.GetBytes(Simple(30_000));
        int thrown = 0;
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception.StackTrace?.Contains("RecordPipeline", StringComparison.Ordinal) == true || e.Exception is OperationCanceledException)
            {
                Interlocked.Increment(ref thrown);
                names.Add(e.Exception.GetType().Name);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            for (int i = 0; i < 20; i++)
            {
                _ = CsvFrameReader.Read(new MemoryStream(bytes), AllPipelined);
                _ = await CsvTestSupport.ReadTrickledAsync(bytes, 8192, AllPipelined);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.True(thrown == 0, string.Join(", ", names));
    }

    /// <summary>Header + a few rows trickled a byte at a time through the pipeline from row 0, many times.</summary>
    [Fact]
    public async Task Tiny_inputs_through_the_pipeline_many_times()
    {
        for (int rows = 0; rows < 40; rows++)
        {
            var bytes = Encoding.UTF8.GetBytes(Simple(rows));
            var expected = CsvFrameReader.Read(new MemoryStream(bytes), OneThread);
            for (int k = 0; k < 10; k++)
            {
                CsvTestSupport.AssertSameResult(expected, CsvFrameReader.Read(new MemoryStream(bytes), AllPipelined), $"{rows} rows sync");
                CsvTestSupport.AssertSameResult(expected, await CsvTestSupport.ReadTrickledAsync(bytes, 1 + k, AllPipelined), $"{rows} rows async");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inputs and helpers
    // ---------------------------------------------------------------------------------------------------------------

    private static string Simple(int rows)
    {
        var csv = new StringBuilder("id,amount,name\n");
        for (int i = 1; i <= rows; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},{i * 1.25},\"n{i}, \"\"q\"\"\"\n");
        return csv.ToString();
    }

    private static (byte[] Bytes, CsvReadOptions Options) WithFault(string fault, int rows, int at) =>
        PipelineTests.WithLateFault(fault, rows, at);

    /// <summary>
    /// The fault at row <paramref name="at"/>; row at+1 is a 140K-char record, so the producer hands the batch holding
    /// the fault over at once (text budget) and reads on into the stall, which is placed right after that record.
    /// </summary>
    private static (byte[] Bytes, int StallAt, CsvReadOptions Options) FaultThenStall(string fault, int at, int rows)
    {
        var (bytes, options) = WithFault(fault, rows, at);
        var text = Encoding.UTF8.GetString(bytes);
        int start = text.IndexOf($"\n{at + 1},", StringComparison.Ordinal) + 1;
        int end = text.IndexOf('\n', start) + 1;
        string huge = string.Create(CultureInfo.InvariantCulture, $"{at + 1},1.5,\"{new string('w', 140_000)}\"\n");
        text = text[..start] + huge + text[end..];
        return (Encoding.UTF8.GetBytes(text), start + huge.Length, options);
    }

    private static (string Csv, CsvReadOptions Options) Shape(string shape)
    {
        var o = new CsvReadOptions();
        var csv = new StringBuilder();
        switch (shape)
        {
            case "header only":
                return ("a,b,c\n", o);
            case "empty lines":
                csv.Append("a,b\n");
                for (int i = 0; i < 5000; i++) csv.Append(i % 3 == 0 ? "\n" : i % 7 == 0 ? "\r\n" : $"{i},x\n");
                return (csv.ToString(), o);
            case "one huge record among small ones":
                csv.Append("a,b\n");
                for (int i = 0; i < 5000; i++) csv.Append(i == 2500 ? $"{i},{new string('z', 300_000)}\n" : $"{i},y{i}\n");
                return (csv.ToString(), o);
            case "records larger than the text budget":
                csv.Append("a,b\n");
                for (int i = 0; i < 12; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},\"{new string((char)('a' + i), 140_000 + i)}\n{i}\"\n");
                return (csv.ToString(), o);
            case "thousands of fields":
                csv.Append(string.Join(',', Enumerable.Range(0, 3000).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)))).Append('\n');
                for (int r = 0; r < 300; r++) csv.Append(string.Join(',', Enumerable.Range(0, 3000 - (r % 5 == 0 ? 10 : 0)).Select(i => (i * r % 17 == 0) ? "" : (i + r).ToString(CultureInfo.InvariantCulture)))).Append('\n');
                return (csv.ToString(), o);
            case "multi-line quoted fields":
                csv.Append("a,b,c\n");
                for (int i = 0; i < 6000; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},\"line1\r\nline2{(i % 3 == 0 ? "\nline3" : "")}\",\"{i}\"\n");
                return (csv.ToString(), o);
            case "quoted empties and missing values":
                csv.Append("a,b,c\n");
                for (int i = 0; i < 7000; i++) csv.Append(CultureInfo.InvariantCulture, $"{(i % 5 == 0 ? "NA" : i)},{(i % 3 == 0 ? "\"\"" : i % 3 == 1 ? "" : "t")},{(i % 4 == 0 ? "\"\"" : "#N/A")}\n");
                return (csv.ToString(), o with { KeepQuotedEmptyAsEmptyString = true, MissingValues = ["NA", "#N/A"] });
            case "extra columns late":
                csv.Append("a,b\n");
                for (int i = 0; i < 9000; i++) csv.Append(i switch { 4100 => "1,2,3\n", 6001 => "1,2,3,4,5\n", 8999 => "\"\",\"\",\"\",\"\",\"\",\"\"\n", _ => $"{i},{i % 2}\n" });
                return (csv.ToString(), o with { ExtraFields = CsvExtraFieldsPolicy.KeepInGeneratedColumns, KeepQuotedEmptyAsEmptyString = true });
            case "column types":
                csv.Append("a,b,c\n");
                for (int i = 0; i < 7000; i++) csv.Append(CultureInfo.InvariantCulture, $"{i},{(i == 5000 ? "oops" : (i * 0.5).ToString(CultureInfo.InvariantCulture))},{i}\n");
                return (csv.ToString(), o with { ColumnTypes = new Dictionary<string, CsvColumnType> { ["b"] = CsvColumnType.Double, ["c"] = CsvColumnType.Text } });
            case "exactly 2048":
                return (Simple(2048), o);
            default:
                return (Simple(4097), o);
        }
    }

    private static Exception? ReadOnThread(byte[] bytes, int stallAt, Action<Stream> read, out bool finishedInTime)
    {
        using var stream = new ScriptedStream(bytes, 4096, stallAt);
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                read(stream);
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        finishedInTime = thread.Join(Patience);
        stream.Release();
        Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "still stuck after the stream was released");
        return error;
    }

    /// <summary>
    /// Serves <c>data</c> in chunks. At byte <c>stallAt</c> it either throws <c>fault</c> (every read from then on) or
    /// blocks until <see cref="Release"/> (async reads: optionally ending early when their token is cancelled), then serves the rest.
    /// </summary>
    private sealed class ScriptedStream(byte[] data, int chunk, int stallAt, Func<Exception>? fault = null, bool honorToken = true) : StallingStream(data, chunk, stallAt)
    {
        public override int Read(Span<byte> buffer)
        {
            if (AtStall)
            {
                if (fault is not null) throw fault();
                WaitForRelease();
            }

            return Serve(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (AtStall)
            {
                if (fault is not null) throw fault();
                await (honorToken ? Released.WaitAsync(cancellationToken) : Released).ConfigureAwait(false);
            }

            return Serve(buffer.Span);
        }
    }

    /// <summary>Cancels the caller's token once <c>cancelAfter</c> bytes are out; optionally then throws its own OCE (not the token's).</summary>
    private sealed class CancellingStream(byte[] data, int chunk, int cancelAfter, CancellationTokenSource cts, bool throwOwnOnCancel) : ModeSharp.Http.ReadOnlyStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position >= cancelAfter)
            {
                cts.Cancel();
                if (throwOwnOnCancel) throw new OperationCanceledException("the stream's own");
            }

            int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position % 3 == 0) await Task.Yield();
            return Read(buffer.Span);
        }
    }

    /// <summary>A text reader that counts reads made after the test marked the read call as returned.</summary>
    private sealed class WatchedReader(string text, int chunk) : TextReader
    {
        private int _position;

        public volatile bool Returned;
        public int ReadsAfterReturn;

        public override int Peek() => _position < text.Length ? text[_position] : -1;

        public override int Read() => _position < text.Length ? text[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (Returned) Interlocked.Increment(ref ReadsAfterReturn);
            Thread.SpinWait(50);
            int n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();
    }
}
