using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModeSharp.Results;

/// <summary>
/// An append-only list of unmanaged values in fixed-size chunks, so growing never copies what is already stored and
/// never holds an old and a new array at once (a doubling array does both, for every column at the same row).
/// Values are appended into one managed chunk; when it is full its contents move to a block of native memory and the
/// chunk is reused. <see cref="ToBytes"/> makes the one exact-size array a DataFrame column takes and frees the blocks
/// at once, so the staging copy of a column never lingers as garbage next to the final columns (the peak stays near
/// the frame's own size) and never counts towards the GC's large-object budget.
/// </summary>
internal struct ChunkedBuffer<T> where T : unmanaged
{
    /// <summary>Elements per chunk: 512 KB of longs, large enough that the per-chunk cost vanishes, small enough to waste little.</summary>
    private const int ChunkLength = 64 * 1024;

    private NativeBlocks? _full;
    private T[] _chunk;
    private int _position;

    public ChunkedBuffer(int initialLength) => _chunk = new T[Math.Clamp(initialLength, 16, ChunkLength)];

    public readonly int Count => ((_full?.Count ?? 0) * ChunkLength) + _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        var chunk = _chunk;
        int position = _position;
        if ((uint)position < (uint)chunk.Length)
        {
            chunk[position] = value;
            _position = position + 1;
        }
        else
        {
            AddSlow(value);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSlow(T value)
    {
        if (_chunk.Length < ChunkLength)
        {
            // The first chunk starts small (most results are small) and grows to the chunk length.
            Array.Resize(ref _chunk, Math.Clamp(_chunk.Length * 4, 16, ChunkLength));
        }
        else
        {
            (_full ??= new NativeBlocks(ChunkLength * Unsafe.SizeOf<T>())).Add(MemoryMarshal.AsBytes(_chunk.AsSpan()));
            _position = 0;
        }

        _chunk[_position++] = value;
    }

    /// <summary>Runs <paramref name="action"/> over the stored values, chunk by chunk, in order, allowing changes in place.</summary>
    public readonly void ForEachSpan(SpanAction action)
    {
        if (_full is not null)
        {
            for (int i = 0; i < _full.Count; i++) action(MemoryMarshal.Cast<byte, T>(_full[i]));
        }

        action(_chunk.AsSpan(0, _position));
    }

    public delegate void SpanAction(Span<T> values);

    public readonly Reader GetReader() => new(_full, _chunk, _position);

    /// <summary>Reads the values back in order.</summary>
    public ref struct Reader
    {
        private readonly NativeBlocks? _full;
        private readonly T[] _last;
        private int _block;
        private Span<T> _current;
        private int _index;

        internal Reader(NativeBlocks? full, T[] last, int lastLength)
        {
            _full = full;
            _last = last;
            _current = full is { Count: > 0 } ? MemoryMarshal.Cast<byte, T>(full[0]) : last.AsSpan(0, lastLength);
        }

        public T Next()
        {
            if (_index == _current.Length)
            {
                _block++;
                _current = _full is not null && _block < _full.Count ? MemoryMarshal.Cast<byte, T>(_full[_block]) : _last;
                _index = 0;
            }

            return _current[_index++];
        }
    }

    /// <summary>The values as one exact-size byte array (the Arrow buffer layout DataFrame columns take); frees the native blocks.</summary>
    public byte[] ToBytes()
    {
        long length = (long)Count * Unsafe.SizeOf<T>();
        if (length > Array.MaxLength)
        {
            throw new CsvDataException("The result is too large for one in-memory column; use the streaming readers.");
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        int offset = 0;
        if (_full is not null)
        {
            for (int i = 0; i < _full.Count; i++)
            {
                var block = _full[i];
                block.CopyTo(bytes.AsSpan(offset));
                offset += block.Length;
            }
        }

        MemoryMarshal.AsBytes(_chunk.AsSpan(0, _position)).CopyTo(bytes.AsSpan(offset));
        Free();
        return bytes;
    }

    /// <summary>Releases the native blocks now (the finalizer of <see cref="NativeBlocks"/> is only the safety net of a failed read).</summary>
    public void Free()
    {
        _full?.Dispose();
        _full = null;
        _chunk = [];
        _position = 0;
    }
}

/// <summary>Equal-size blocks of native memory holding a column's staged values; freed by <see cref="Dispose"/>, or by the finalizer if a read fails midway.</summary>
internal sealed unsafe class NativeBlocks(int blockBytes) : IDisposable
{
    private readonly List<nint> _blocks = [];

    public int Count => _blocks.Count;

    public Span<byte> this[int index] => new((void*)_blocks[index], blockBytes);

    public void Add(ReadOnlySpan<byte> contents)
    {
        var block = (nint)NativeMemory.Alloc((nuint)blockBytes);
        _blocks.Add(block);
        contents.CopyTo(new Span<byte>((void*)block, blockBytes));
    }

    public void Dispose()
    {
        FreeAll();
        GC.SuppressFinalize(this);
    }

    ~NativeBlocks() => FreeAll();

    private void FreeAll()
    {
        foreach (var block in _blocks) NativeMemory.Free((void*)block);
        bool large = (long)_blocks.Count * blockBytes >= NativeHeap.TrimThreshold;
        _blocks.Clear();
        if (large) NativeHeap.Trim();
    }
}

/// <summary>
/// The exact text of every cell of a column while its type is undecided: ASCII bytes (typed values are ASCII by
/// construction), each cell prefixed by its length (one byte below <see cref="CanonicalText.FirstMarker"/>, or 255 and
/// four more for long cells), or replaced by a <see cref="CanonicalText"/> marker when the value prints back to it. In chunks.
/// Read back in order by <see cref="Reader"/>. No offsets array: a promotion replays the cells front to back.
/// </summary>
internal struct RawCells
{
    private const int ChunkLength = 256 * 1024;
    private const byte LongCell = 255;
    private const int ShortLimit = CanonicalText.FirstMarker;

    private List<(byte[] Chunk, int Length)>? _full;
    private byte[] _chunk;
    private int _position;

    public RawCells(int initialLength) => _chunk = new byte[Math.Clamp(initialLength, 64, ChunkLength)];

    /// <summary>Appends a cell known to be ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<char> ascii)
    {
        int length = ascii.Length;
        if (length < ShortLimit && _position + length + 1 <= _chunk.Length)
        {
            var target = _chunk.AsSpan(_position, length + 1);
            target[0] = (byte)length;
            for (int i = 0; i < length; i++) target[i + 1] = (byte)ascii[i];
            _position += length + 1;
        }
        else
        {
            AddSlow(ascii);
        }
    }

    /// <summary>Appends a cell of the given bytes (an empty one for a null).</summary>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        var target = Reserve(bytes.Length);
        bytes.CopyTo(target);
    }

    private void AddSlow(ReadOnlySpan<char> ascii)
    {
        var target = Reserve(ascii.Length);
        for (int i = 0; i < ascii.Length; i++) target[i] = (byte)ascii[i];
    }

    /// <summary>Appends a marker (and its layout byte, for timestamps) instead of a cell's text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddMarker(byte marker, byte layout)
    {
        if (_position + 2 > _chunk.Length) EnsureRoom(2);
        _chunk[_position++] = marker;
        if (marker == CanonicalText.Timestamp) _chunk[_position++] = layout;
    }

    private Span<byte> Reserve(int length)
    {
        int header = length < ShortLimit ? 1 : 5;
        EnsureRoom(header + length);
        if (header == 1)
        {
            _chunk[_position] = (byte)length;
        }
        else
        {
            _chunk[_position] = LongCell;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_chunk.AsSpan(_position + 1), length);
        }

        var target = _chunk.AsSpan(_position + header, length);
        _position += header + length;
        return target;
    }

    /// <summary>Makes room for <paramref name="bytes"/> more in the current chunk: grows a small first chunk, else starts a new one.</summary>
    private void EnsureRoom(int bytes)
    {
        if (_position + bytes <= _chunk.Length) return;
        if (_chunk.Length < ChunkLength && _position + bytes <= ChunkLength)
        {
            Array.Resize(ref _chunk, Math.Min(ChunkLength, Math.Max(_chunk.Length * 4, _position + bytes)));
        }
        else
        {
            (_full ??= []).Add((_chunk, _position));
            _chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkLength, bytes));
            _position = 0;
        }
    }

    public readonly Reader GetReader() => new(_full, _chunk, _position);

    /// <summary>Replays the cells in the order they were added.</summary>
    public struct Reader
    {
        private readonly List<(byte[] Chunk, int Length)>? _full;
        private readonly byte[] _last;
        private readonly int _lastLength;
        private int _chunkIndex;
        private byte[] _chunk;
        private int _end;
        private int _position;

        internal Reader(List<(byte[] Chunk, int Length)>? full, byte[] last, int lastLength)
        {
            _full = full;
            _last = last;
            _lastLength = lastLength;
            _chunkIndex = 0;
            _chunk = full is { Count: > 0 } ? full[0].Chunk : last;
            _end = full is { Count: > 0 } ? full[0].Length : lastLength;
            _position = 0;
        }

        /// <summary>The next cell's bytes (empty for a null, and for a marked cell: then <paramref name="marker"/> is set).</summary>
        public ReadOnlySpan<byte> Next(out byte marker, out byte layout)
        {
            marker = 0;
            layout = 0;
            while (_position >= _end)
            {
                _chunkIndex++;
                bool isLast = _full is null || _chunkIndex >= _full.Count;
                _chunk = isLast ? _last : _full![_chunkIndex].Chunk;
                _end = isLast ? _lastLength : _full![_chunkIndex].Length;
                _position = 0;
            }

            int length = _chunk[_position];
            int header = 1;
            if (length >= ShortLimit && length != LongCell)
            {
                marker = (byte)length;
                _position++;
                if (marker == CanonicalText.Timestamp) layout = _chunk[_position++];
                return default;
            }

            if (length == LongCell)
            {
                length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_chunk.AsSpan(_position + 1));
                header = 5;
            }

            var cell = _chunk.AsSpan(_position + header, length);
            _position += header + length;
            return cell;
        }
    }
}

/// <summary>
/// Which cells of a column are null, given back as the Arrow validity bitmap DataFrame columns take (bit set = value
/// present). While reading, only nulls are written down — in a bitmap of their own that grows only when a null comes —
/// so the common cell, a value, costs nothing here; <see cref="Bytes"/> builds the validity bitmap once at the end.
/// </summary>
internal struct ValidityBitmap
{
    private byte[]? _nulls; // bit set = null; cells past its end are values

    public int NullCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(int index, bool valid)
    {
        if (!valid) AppendNull(index);
    }

    private void AppendNull(int index)
    {
        int b = index >> 3;
        if (_nulls is null || b >= _nulls.Length) Array.Resize(ref _nulls, Math.Max(Math.Max(64, (_nulls?.Length ?? 0) * 2), b + 1));
        _nulls[b] |= (byte)(1 << (index & 7));
        NullCount++;
    }

    public readonly bool IsValid(int index)
    {
        int b = index >> 3;
        return _nulls is null || b >= _nulls.Length || (_nulls[b] & (1 << (index & 7))) == 0;
    }

    /// <summary>The validity bitmap of the first <paramref name="count"/> cells (bits past them clear).</summary>
    public readonly ReadOnlyMemory<byte> Bytes(int count)
    {
        var bits = new byte[(count + 7) / 8];
        bits.AsSpan().Fill(0xFF);
        if (_nulls is not null)
        {
            int n = Math.Min(bits.Length, _nulls.Length);
            for (int i = 0; i < n; i++) bits[i] = (byte)~_nulls[i];
        }

        if ((count & 7) != 0) bits[^1] &= (byte)((1 << (count & 7)) - 1);
        return bits;
    }
}
