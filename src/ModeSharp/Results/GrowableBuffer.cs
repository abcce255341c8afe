using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModeSharp.Results;

/// <summary>A growable array of unmanaged values backed by a byte array, so it can become a DataFrame buffer without a copy.</summary>
internal struct GrowableBuffer<T> where T : unmanaged
{
    private byte[] _bytes;
    private int _count;

    public GrowableBuffer(int capacity) => _bytes = new byte[Math.Max(1, capacity) * Unsafe.SizeOf<T>()];

    public readonly int Count => _count;

    public readonly Span<T> Span => MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(0, _count * Unsafe.SizeOf<T>()));

    public readonly ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, _count * Unsafe.SizeOf<T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        int offset = _count * Unsafe.SizeOf<T>();
        if (offset + Unsafe.SizeOf<T>() > _bytes.Length) Grow(1);
        Unsafe.WriteUnaligned(ref _bytes[offset], value);
        _count++;
    }

    public void AddDefault(int n)
    {
        int needed = (_count + n) * Unsafe.SizeOf<T>();
        if (needed > _bytes.Length) Grow(n);
        _count += n;
    }

    private void Grow(int extra)
    {
        long wanted = Math.Max((long)_bytes.Length * 2, (long)(_count + extra) * Unsafe.SizeOf<T>());
        if (wanted > Array.MaxLength)
        {
            wanted = Array.MaxLength;
            if ((long)(_count + extra) * Unsafe.SizeOf<T>() > wanted)
            {
                throw new CsvDataException("The result is too large for one in-memory column; use the streaming readers.");
            }
        }

        Array.Resize(ref _bytes, (int)wanted);
    }
}

/// <summary>A growable Arrow-style validity bitmap (bit set = value present), the layout DataFrame columns take.</summary>
internal struct ValidityBitmap
{
    private byte[] _bits;

    public ValidityBitmap(int capacity) => _bits = new byte[Math.Max(8, (capacity + 7) / 8)];

    public int NullCount { get; private set; }

    public void Append(int index, bool valid)
    {
        int b = index >> 3;
        if (b >= _bits.Length) Array.Resize(ref _bits, Math.Max(_bits.Length * 2, b + 1));
        if (valid) _bits[b] |= (byte)(1 << (index & 7));
        else NullCount++;
    }

    public readonly bool IsValid(int index) => (_bits[index >> 3] & (1 << (index & 7))) != 0;

    public readonly ReadOnlyMemory<byte> Bytes(int count) => _bits.AsMemory(0, (count + 7) / 8);
}
