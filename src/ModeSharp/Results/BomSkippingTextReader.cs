namespace ModeSharp.Results;

/// <summary>
/// Drops a byte order mark (U+FEFF) at the very start of already-decoded text, so the header's first name
/// never carries it and a quoted first name still parses as quoted. Passes everything else through.
/// Does not own the inner reader.
/// </summary>
internal sealed class BomSkippingTextReader(TextReader inner) : TextReader
{
    private bool _started;

    public override int Peek()
    {
        SkipBom();
        return inner.Peek();
    }

    public override int Read()
    {
        SkipBom();
        return inner.Read();
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (_started) return inner.Read(buffer);
        _started = true;
        int n = DropLeadingBom(buffer, inner.Read(buffer));
        return n == 0 ? inner.Read(buffer) : n; // the BOM was the whole first read
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (_started) return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _started = true;
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        int n = DropLeadingBom(buffer.Span, read);
        return n == 0 ? await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : n;
    }

    private static int DropLeadingBom(Span<char> buffer, int n)
    {
        if (n > 0 && buffer[0] == '\uFEFF')
        {
            buffer[1..n].CopyTo(buffer);
            return n - 1;
        }

        return n;
    }

    private void SkipBom()
    {
        if (_started) return;
        _started = true;
        if (inner.Peek() == '\uFEFF') inner.Read();
    }
}
