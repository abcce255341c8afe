namespace ModeSharp.Results;

/// <summary>
/// Tells whoever is listening that the tokenizer is about to read more text (which may wait on the stream), then reads.
/// The tokenizing pipeline listens, to hand over the records it already has first. Does not own the inner reader.
/// </summary>
internal sealed class RefillNotifyingTextReader(TextReader inner) : TextReader
{
    /// <summary>Called before every synchronous read of the inner reader, on the reading thread; null when nobody listens.</summary>
    public Action? BeforeRefill { get; set; }

    /// <summary>Awaited before every asynchronous read of the inner reader; null when nobody listens.</summary>
    public Func<ValueTask>? BeforeRefillAsync { get; set; }

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
        if (BeforeRefillAsync is not { } before) return inner.ReadAsync(buffer, cancellationToken);
        var waiting = before();
        return waiting.IsCompletedSuccessfully ? inner.ReadAsync(buffer, cancellationToken) : ReadAfterAsync(waiting, buffer, cancellationToken);
    }

    private async ValueTask<int> ReadAfterAsync(ValueTask waiting, Memory<char> buffer, CancellationToken cancellationToken)
    {
        await waiting.ConfigureAwait(false);
        return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
