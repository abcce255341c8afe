using System.Net;
using ModeSharp.Api;
using ModeSharp.Http;

namespace ModeSharp.Tests.Api;

// A body that stops arriving halfway without closing is a fault the emulator cannot produce (its delay switch acts
// before the headers), so this feeds ModeResultStream a content stream that stalls after its first bytes.
public class StalledDownloadTests
{
    [Fact]
    public async Task A_download_that_goes_silent_is_abandoned_after_the_idle_timeout()
    {
        var body = new StallingStream("year,sets\n1950,6\n"u8.ToArray());
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        await using var stream = new ModeResultStream(body, response, "GET", "/api/ws/reports/r/runs/x/results/content.csv",
            ModeRequestContext.ForRun("r", "x"), TimeSpan.FromMilliseconds(100), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(ModeFailureKind.Timeout, error.Kind);
        Assert.Equal("x", error.RunToken);
        Assert.Contains("ReadIdleTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(17, stream.BytesRead);
    }

    [Fact]
    public async Task A_download_read_ahead_on_a_background_task_that_goes_silent_is_abandoned_too()
    {
        var body = new StallingStream("year,sets\n1950,6\n"u8.ToArray());
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        await using var stream = new ModeResultStream(new ReadAheadStream(body, ModeClientOptions.DefaultReadAheadBytes), response, "GET", "/api/ws/reports/r/runs/x/results/content.csv",
            ModeRequestContext.ForRun("r", "x"), TimeSpan.FromMilliseconds(100), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ModeApiException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Equal(ModeFailureKind.Timeout, error.Kind);
        Assert.Contains("ReadIdleTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(17, stream.BytesRead);
    }

    [Fact]
    public async Task A_slow_consumer_is_not_mistaken_for_a_silent_server()
    {
        var body = new MemoryStream("year,sets\n1950,6\n"u8.ToArray());
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        await using var stream = new ModeResultStream(body, response, "GET", "/p", ModeRequestContext.ForReport("r"), TimeSpan.FromMilliseconds(50), TimeProvider.System);
        var buffer = new byte[4];

        var first = await stream.ReadAsync(buffer);
        await Task.Delay(200); // the caller is busy; the timer only runs while a read is waiting
        var rest = await stream.ReadAsync(new byte[64]);

        Assert.Equal(4, first);
        Assert.Equal(13, rest);
    }

    /// <summary>Serves its bytes, then blocks until disposed, as a stalled socket does until it is aborted.</summary>
    private sealed class StallingStream(byte[] head) : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _offset);
                head.AsMemory(_offset, n).CopyTo(buffer);
                _offset += n;
                return n;
            }

            await _disposed.Task.WaitAsync(cancellationToken);
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
