using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace ModeSharp.Http;

/// <summary>
/// Decodes gzip and, at the end, checks the member's trailer (CRC-32 and length of the decoded bytes).
/// Why: .NET's <see cref="GZipStream"/> returns end-of-stream on a truncated body without an error
/// (measured: half a body decoded to half the rows, silently), so a cut-off export would pass for a short one.
/// </summary>
internal sealed class GzipVerifyingStream : ReadOnlyStream
{
    private readonly TailRecordingStream _raw;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _decoded;
    private bool _verified;

    public GzipVerifyingStream(Stream compressed)
    {
        _raw = new TailRecordingStream(compressed);
        _gzip = new GZipStream(_raw, CompressionMode.Decompress, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _decoded += n;
            return n;
        }

        if (buffer.Length > 0 && !_verified)
        {
            // Completes synchronously: every read inside uses the synchronous path.
            VerifyAsync(sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n > 0)
        {
            _crc.Append(buffer.Span[..n]);
            _decoded += n;
            return n;
        }

        if (buffer.Length > 0 && !_verified)
        {
            await VerifyAsync(sync: false, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async ValueTask<int> VerifyAsync(bool sync, CancellationToken cancellationToken)
    {
        // Whatever GZipStream did not consume is part of the tail; read it so the trailer is the last 8 bytes.
        var scratch = new byte[4096];
        while ((sync ? _raw.Read(scratch) : await _raw.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
        {
        }

        _verified = true;
        var tail = _raw.Tail;
        if (_raw.Total < 18 || tail.Length < 8)
        {
            throw new InvalidDataException($"The gzip body ended after {_raw.Total} bytes, before its trailer; the download is incomplete.");
        }

        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (expectedCrc != _crc.GetCurrentHashAsUInt32() || expectedLength != unchecked((uint)_decoded))
        {
            throw new InvalidDataException(
                $"The gzip body is incomplete or corrupt: {_decoded} bytes decoded from {_raw.Total} received, but its trailer does not match them.");
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _raw.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Passes bytes through and remembers the last eight (where gzip keeps its trailer).</summary>
    private sealed class TailRecordingStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];
        private int _tailLength;

        public long Total { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Record(buffer[..n]);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Record(buffer.Span[..n]);
            return n;
        }

        private void Record(ReadOnlySpan<byte> bytes)
        {
            Total += bytes.Length;
            if (bytes.Length >= 8)
            {
                bytes[^8..].CopyTo(_tail);
                _tailLength = 8;
                return;
            }

            var keep = Math.Min(_tailLength, 8 - bytes.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            bytes.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + bytes.Length;
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
}
