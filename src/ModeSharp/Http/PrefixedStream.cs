namespace ModeSharp.Http;

/// <summary>A stream whose first bytes were read ahead to sniff the format (gzip 1F 8B, ZIP "PK\3\4") and are replayed.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly byte[] _prefix;
    private int _offset;

    private PrefixedStream(Stream inner, byte[] prefix)
    {
        _inner = inner;
        _prefix = prefix;
    }

    /// <summary>The bytes read ahead (fewer than asked only when the body is that short).</summary>
    public ReadOnlySpan<byte> Prefix => _prefix;

    public static async Task<PrefixedStream> PeekAsync(Stream inner, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var n = await inner.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return new PrefixedStream(inner, filled == count ? buffer : buffer[..filled]);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_offset < _prefix.Length)
        {
            return CopyPrefix(buffer);
        }

        return _inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < _prefix.Length)
        {
            return ValueTask.FromResult(CopyPrefix(buffer.Span));
        }

        return _inner.ReadAsync(buffer, cancellationToken);
    }

    private int CopyPrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _prefix.Length - _offset);
        _prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
