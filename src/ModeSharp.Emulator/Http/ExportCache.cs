using ModeSharp.Emulator.Results;

namespace ModeSharp.Emulator.Http;

/// <summary>What makes two exports the same bytes: the run and query run, the format and the CSV dialect switches.</summary>
internal readonly record struct ExportKey(
    string RunToken, string QueryRunToken, ExportFormat Format,
    string Null, CsvTimestampFormat Timestamps, CsvBooleanFormat Booleans, bool Bom, bool Crlf)
{
    public static ExportKey For(string runToken, string queryRunToken, ExportFormat format, CsvFormat csv) =>
        new(runToken, queryRunToken, format, csv.Null, csv.Timestamps, csv.Booleans, csv.Bom, csv.Crlf);
}

/// <summary>
/// The gzip-compressed bodies of finished runs' single-table exports, kept so a repeated download is served from
/// memory instead of being formatted and compressed again. Mode serves stored results; an emulator that
/// recompressed every export would spend a core on it and be the bottleneck of any client benchmark.
/// Bounded by <see cref="EmulatorOptions.ExportCacheBytes"/>; the least recently served export goes first. Thread-safe.
/// </summary>
internal sealed class ExportCache(long capacity)
{
    /// <summary>Size of the pieces a body is kept in (large bodies never need one contiguous array).</summary>
    public const int ChunkSize = 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<ExportKey, LinkedListNode<(ExportKey Key, CachedBody Body)>> _entries = [];
    private readonly LinkedList<(ExportKey Key, CachedBody Body)> _recency = new();
    private long _size;
    private long _hits;

    public long Capacity { get; } = Math.Max(0, capacity);

    /// <summary>Bytes held now.</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>Exports served from the cache so far.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public bool TryGet(ExportKey key, out CachedBody body)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _hits++;
                _recency.Remove(node);
                _recency.AddFirst(node);
                body = node.Value.Body;
                return true;
            }
        }

        body = null!;
        return false;
    }

    public void Add(ExportKey key, CachedBody body)
    {
        if (body.Length > Capacity)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                return; // two first requests raced; both computed the same bytes
            }

            while (_size + body.Length > Capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _size -= oldest.Value.Body.Length;
            }

            _entries[key] = _recency.AddFirst((key, body));
            _size += body.Length;
        }
    }

    /// <summary>Starts recording a body as it is written; null when the cache is off.</summary>
    public BodyRecorder? StartRecording(Stream destination) => Capacity > 0 ? new BodyRecorder(destination, Capacity) : null;
}

/// <summary>A finished export's compressed body, in <see cref="ExportCache.ChunkSize"/> pieces.</summary>
internal sealed class CachedBody(IReadOnlyList<byte[]> chunks, long length)
{
    public long Length { get; } = length;

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var left = Length;
        foreach (var chunk in chunks)
        {
            var n = (int)Math.Min(chunk.Length, left);
            await destination.WriteAsync(chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            left -= n;
        }
    }
}

/// <summary>
/// Passes writes through to the response and keeps a copy, until the copy would exceed the cache's capacity
/// (then it stops copying: that body is not cached, and nothing more is held for it).
/// </summary>
internal sealed class BodyRecorder(Stream destination, long limit) : Stream
{
    private List<byte[]>? _chunks = [];
    private long _length;
    private int _inLast = ExportCache.ChunkSize;

    /// <summary>The recorded body, or null if it outgrew the limit.</summary>
    public CachedBody? Result
    {
        get
        {
            if (_chunks is null)
            {
                return null;
            }

            if (_chunks.Count > 0 && _inLast < ExportCache.ChunkSize)
            {
                _chunks[^1] = _chunks[^1][.._inLast]; // small bodies do not keep a whole chunk
                _inLast = ExportCache.ChunkSize;
            }

            return new CachedBody(_chunks, _length);
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Record(buffer);
        destination.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Record(buffer.Span);
        return destination.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Record(ReadOnlySpan<byte> bytes)
    {
        if (_chunks is null)
        {
            return;
        }

        if (_length + bytes.Length > limit)
        {
            _chunks = null;
            return;
        }

        _length += bytes.Length;
        while (!bytes.IsEmpty)
        {
            if (_inLast == ExportCache.ChunkSize)
            {
                _chunks.Add(GC.AllocateUninitializedArray<byte>(ExportCache.ChunkSize));
                _inLast = 0;
            }

            var n = Math.Min(bytes.Length, ExportCache.ChunkSize - _inLast);
            bytes[..n].CopyTo(_chunks[^1].AsSpan(_inLast));
            _inLast += n;
            bytes = bytes[n..];
        }
    }
}
