namespace ModeSharp.Results;

/// <summary>
/// Tells whoever is listening that the tokenizer is about to read more text (which may wait on the stream), then reads.
/// The tokenizing pipeline listens, to hand over the records it already has first. Does not own the inner reader.
/// </summary>
internal sealed class RefillNotifyingTextReader(TextReader inner) : TextReader
{
    /// <summary>Called before every read of the inner reader, on the reading thread; null when nobody listens.</summary>
    public Action? BeforeRefill { get; set; }

    public override int Peek() => inner.Peek();

    public override int Read() => inner.Read();

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        BeforeRefill?.Invoke();
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        BeforeRefill?.Invoke();
        return inner.ReadAsync(buffer, cancellationToken);
    }
}
