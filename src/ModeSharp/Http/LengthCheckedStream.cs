namespace ModeSharp.Http;

/// <summary>
/// Counts the bytes of a body on the wire and fails at the end if they differ from <c>Content-Length</c>.
/// SocketsHttpHandler already checks this, but a caller-supplied handler may not: a short body must never
/// pass for a complete one.
/// </summary>
internal sealed class LengthCheckedStream(Stream inner, long expected) : ReadOnlyStream
{
    private long _read;

    public override int Read(Span<byte> buffer) => Check(inner.Read(buffer), buffer.Length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Check(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

    private int Check(int n, int requested)
    {
        _read += n;
        if (_read > expected || (n == 0 && requested > 0 && _read != expected))
        {
            throw new IOException(
                $"The response body ended after {_read} bytes but Content-Length announced {expected}; the download is incomplete.");
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
