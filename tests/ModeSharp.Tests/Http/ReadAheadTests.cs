using System.IO.Compression;
using System.Text;
using ModeSharp.Api;
using ModeSharp.Emulator;
using ModeSharp.Frames;
using ModeSharp.Http;
using ModeSharp.Runs;
using ModeSharp.Tests.Support;

namespace ModeSharp.Tests.Http;

/// <summary>
/// Export bodies are read and gunzipped on a background task a bounded distance ahead of the reader. Over real
/// HTTP (the emulator) it must deliver the same bytes and the same failures as reading on the caller's thread, and
/// stop when the caller cancels or goes away.
/// </summary>
public class ReadAheadTests
{
    private const int Rows = 200_000; // about 17 MB of CSV: far more than the read-ahead holds

    private static Task<ModeEmulator> StartAsync() => ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero });

    private static async Task<(ModeClient Client, QueryRun QueryRun)> GeneratedAsync(ModeEmulator emulator, int readAheadBytes, int rows = Rows)
    {
        var client = Emulated.Client(emulator, o => o.ReadAheadBytes = readAheadBytes);
        var run = await client.Runs.CreateAsync(SampleWorkspace.GeneratedReport, new Dictionary<string, object?> { ["rows"] = rows });
        run = await client.Runs.WaitForCompletionAsync(run);
        return (client, (await client.QueryRuns.ListAsync(run)).Single());
    }

    [Fact]
    public async Task Reading_ahead_or_not_gives_the_same_bytes_asynchronously_and_synchronously()
    {
        await using var emulator = await StartAsync();
        var (direct, queryRun) = await GeneratedAsync(emulator, readAheadBytes: 0);
        var ahead = Emulated.Client(emulator);

        string expected, pipelined, synchronous;
        await using (var csv = await direct.Results.OpenCsvAsync(queryRun))
        {
            Assert.IsNotType<ReadAheadStream>(csv.Inner);
            expected = await Emulated.ReadAllAsync(csv);
        }

        await using (var csv = await ahead.Results.OpenCsvAsync(queryRun))
        {
            Assert.IsType<ReadAheadStream>(csv.Inner);
            pipelined = await Emulated.ReadAllAsync(csv);
            Assert.Equal(Encoding.UTF8.GetByteCount(expected), csv.BytesRead);
        }

        await using (var csv = await ahead.Results.OpenCsvAsync(queryRun))
        {
            // A caller whose first read is synchronous reads on its own thread: nothing waits on a background task.
            using var copy = new MemoryStream();
            csv.CopyTo(copy);
            synchronous = Encoding.UTF8.GetString(copy.ToArray());
        }

        Assert.True(expected.Length > 10_000_000);
        Assert.Equal(expected, pipelined);
        Assert.Equal(expected, synchronous);
    }

    [Fact]
    public async Task A_gzip_body_cut_off_midway_fails_the_same_way_with_or_without_read_ahead()
    {
        await using var emulator = await StartAsync();
        var (_, queryRun) = await GeneratedAsync(emulator, readAheadBytes: 0);
        emulator.Switches.TruncateBodies = true;

        var errors = new List<ModeApiException>();
        foreach (var readAhead in new[] { 0, ModeClientOptions.DefaultReadAheadBytes })
        {
            var client = Emulated.Client(emulator, o => o.ReadAheadBytes = readAhead);
            errors.Add(await Assert.ThrowsAsync<ModeApiException>(async () =>
            {
                await using var csv = await client.Results.OpenCsvAsync(queryRun);
                await csv.CopyToAsync(Stream.Null);
            }));
        }

        Assert.All(errors, e =>
        {
            Assert.Equal(ModeFailureKind.IncompleteBody, e.Kind);
            Assert.Equal(queryRun.Token, e.QueryRunToken);
            Assert.StartsWith("The body of GET /api/", e.Message, StringComparison.Ordinal);
            Assert.Contains(" broke off after ", e.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was returned in its place", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(errors[0].InnerException!.GetType(), errors[1].InnerException!.GetType());
    }

    [Fact]
    public async Task A_cut_off_body_read_into_a_frame_fails_instead_of_giving_fewer_rows()
    {
        await using var emulator = await StartAsync();
        var (client, queryRun) = await GeneratedAsync(emulator, readAheadBytes: ModeClientOptions.DefaultReadAheadBytes);
        emulator.Switches.TruncateBodies = true;

        var error = await Assert.ThrowsAsync<ModeApiException>(() => client.ReadReportAsync(
            SampleWorkspace.GeneratedReport, new ReportReadOptions { Run = RunSelector.ByToken(queryRun.RunToken!) }));

        Assert.Equal(ModeFailureKind.IncompleteBody, error.Kind);
    }

    [Fact]
    public async Task Cancelling_a_read_mid_body_stops_the_background_task()
    {
        await using var emulator = await StartAsync();
        var (client, queryRun) = await GeneratedAsync(emulator, readAheadBytes: ModeClientOptions.DefaultReadAheadBytes);
        using var cancel = new CancellationTokenSource();

        await using var csv = await client.Results.OpenCsvAsync(queryRun, cancel.Token);
        var buffer = new byte[64 * 1024];
        Assert.True(await csv.ReadAsync(buffer, cancel.Token) > 0);
        var readAhead = Assert.IsType<ReadAheadStream>(csv.Inner);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await csv.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, cancel.Token));
        await readAhead.BackgroundTask.WaitAsync(Emulated.HangGuard);
        Assert.True(csv.BytesRead < 10_000_000);
    }

    [Fact]
    public async Task ReadReportAsync_cancelled_mid_body_throws_OperationCanceledException()
    {
        await using var emulator = await StartAsync();
        var (client, queryRun) = await GeneratedAsync(emulator, readAheadBytes: ModeClientOptions.DefaultReadAheadBytes);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfter(cancel, bytes: 2_000_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadReportAsync(
            SampleWorkspace.GeneratedReport,
            new ReportReadOptions { Run = RunSelector.ByToken(queryRun.RunToken!), DownloadProgress = progress },
            cancel.Token));
        Assert.True(progress.Last < 17_000_000);
    }

    [Fact]
    public async Task Disposing_the_stream_mid_body_stops_the_background_task()
    {
        await using var emulator = await StartAsync();
        var (client, queryRun) = await GeneratedAsync(emulator, readAheadBytes: ModeClientOptions.DefaultReadAheadBytes);

        var csv = await client.Results.OpenCsvAsync(queryRun);
        Assert.True(await csv.ReadAsync(new byte[1024]) > 0);
        var readAhead = Assert.IsType<ReadAheadStream>(csv.Inner);
        await csv.DisposeAsync();

        await readAhead.BackgroundTask.WaitAsync(Emulated.HangGuard);
    }

    // The tests below feed the read-ahead streams directly: a gzip trailer that does not match its body, and a
    // source that counts how far it has been read, are things a well-behaved server cannot show.

    [Fact]
    public async Task A_gzip_body_cut_short_delivers_every_decoded_byte_then_the_same_error()
    {
        var gz = Gzip(Lines(200_000));
        gz = gz[..(gz.Length / 2)];

        var (directBytes, directError) = await DrainAsync(new GzipVerifyingStream(new MemoryStream(gz)));
        var (aheadBytes, aheadError) = await DrainAsync(new ReadAheadStream(new GzipVerifyingStream(new MemoryStream(gz)), 64 * 1024));

        Assert.IsType<InvalidDataException>(directError);
        Assert.IsType<InvalidDataException>(aheadError);
        Assert.Equal(directError.Message, aheadError.Message);
        Assert.Equal(directBytes, aheadBytes);
        Assert.True(aheadBytes > 0);
    }

    [Fact]
    public async Task A_gzip_body_with_a_wrong_checksum_fails_with_the_same_error()
    {
        var gz = Gzip(Lines(200_000));
        gz[^6] ^= 0xFF; // a CRC-32 byte of the trailer

        var (_, directError) = await DrainAsync(new GzipVerifyingStream(new MemoryStream(gz)));
        var (_, aheadError) = await DrainAsync(new ReadAheadStream(new GzipVerifyingStream(new MemoryStream(gz)), 64 * 1024));

        // zlib checks the trailer too, inside the read that reaches it, and drops that read's output: how many bytes
        // came before the error depends on the read size, so only the error is compared.
        Assert.IsType<InvalidDataException>(directError);
        Assert.IsType<InvalidDataException>(aheadError);
        Assert.Equal(directError.Message, aheadError.Message);
    }

    private static byte[] Lines(int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => $"{i},row {i}\n")));

    [Fact]
    public async Task The_background_task_stays_within_its_read_ahead_limit()
    {
        const int limit = 64 * 1024;
        var source = new CountingStream(new MemoryStream(new byte[8 * 1024 * 1024]));
        await using var stream = new ReadAheadStream(source, limit);

        Assert.Equal(1, await stream.ReadAsync(new byte[1]));
        // The pipe pauses its writer only once `limit` bytes wait unread, so it gets that far; then it must stop.
        using (var guard = new CancellationTokenSource(Emulated.HangGuard))
        {
            while (source.Taken < limit)
            {
                await Task.Delay(5, guard.Token);
            }
        }

        await Task.Delay(100); // room to overrun, if it would
        Assert.InRange(source.Taken, limit, 1 + limit + (limit / 2));
    }

    private static async Task<(long Bytes, Exception Error)> DrainAsync(Stream stream)
    {
        await using (stream)
        {
            var buffer = new byte[4096];
            long total = 0;
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0)
                {
                    total += n;
                }
            }
            catch (Exception e)
            {
                return (total, e);
            }

            throw new InvalidOperationException($"The stream ended after {total} bytes without an error.");
        }
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Cancels synchronously (unlike Progress&lt;T&gt;, which posts) once enough bytes went by.</summary>
    private sealed class CancelAfter(CancellationTokenSource cancel, long bytes) : IProgress<long>
    {
        public long Last { get; private set; }

        public void Report(long value)
        {
            Last = value;
            if (value >= bytes)
            {
                cancel.Cancel();
            }
        }
    }

    private sealed class CountingStream(Stream inner) : ReadOnlyStream
    {
        private long _read;

        public long Taken => Interlocked.Read(ref _read);

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int n)
        {
            Interlocked.Add(ref _read, n);
            return n;
        }
    }
}
