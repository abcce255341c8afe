using System.Runtime.CompilerServices;
using System.Buffers;

namespace ModeSharp.Emulator.Results;

/// <summary>
/// A pooled byte buffer in front of a stream. Formatters write straight into <see cref="Free"/>; the buffer is
/// flushed asynchronously whenever it fills, so an export never holds more than one buffer of its body.
/// </summary>
internal sealed class Utf8Output(Stream destination, int size = 64 * 1024) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(size);
    private int _used;

    public Span<byte> Free => _buffer.AsSpan(_used);

    public int Used => _used;

    public void Advance(int count) => _used += count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Free);
        _used += bytes.Length;
    }

    /// <summary>Makes room for at least <paramref name="bytes"/>: flushes, and grows for a field larger than the buffer.</summary>
    public async ValueTask EnsureAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_buffer.Length - _used >= bytes)
        {
            return;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_buffer.Length < bytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
            _used = 0;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
