namespace ModeSharp.Results;

/// <summary>
/// Reads a results CSV once, start to end, into a typed <see cref="Microsoft.Data.Analysis.DataFrame"/>, deciding each
/// column's type from every row (docs/reader.md has the rules). Works on non-seekable streams delivered in pieces,
/// such as an HTTP response body, and never holds a copy of the whole body. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// On a machine with more than one core, a large input (past its first 65,536 records) is tokenized on a second
/// thread while the calling thread builds the columns, so the stream or reader you pass is read from that thread too
/// (one thread at a time, in order; <see cref="CsvReadOptions.UseSecondThread"/> turns this off). The result, its
/// problems and its errors are the same either way. When the read fails or is cancelled, no further read of your
/// stream starts; a read already blocked in it is left to return on its own (the method waits for it at most a quarter
/// of a second).
/// </remarks>
public static class CsvFrameReader
{
    /// <summary>Reads a byte stream (UTF-8 unless <see cref="CsvReadOptions.Encoding"/> or a byte order mark says otherwise). The stream is not closed.</summary>
    /// <exception cref="CsvDataException">The CSV is malformed (unterminated quote, extra fields) or, in strict mode, a value or row does not fit.</exception>
    public static async Task<CsvFrameResult> ReadAsync(Stream stream, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        // Not disposed here: it leaves the stream open and holds only buffers, and a tokenizing thread stopped by a
        // failure may still be inside a read of it (see RecordPipeline).
        var text = CsvRecordSource.Decode(stream, options);
        return await ReadAsync(text, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads decoded text. A leading U+FEFF is dropped. The reader is not closed.</summary>
    /// <exception cref="CsvDataException">The CSV is malformed or, in strict mode, a value or row does not fit.</exception>
    public static async Task<CsvFrameResult> ReadAsync(TextReader reader, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= CsvReadOptions.Default;
        using var source = await CsvRecordSource.OpenAsync(reader, options, cancellationToken).ConfigureAwait(false);
        return await FrameAssembler.ReadAsync(source, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a byte stream synchronously. Prefer <see cref="ReadAsync(Stream, CsvReadOptions?, CancellationToken)"/> for network streams.</summary>
    /// <exception cref="CsvDataException">The CSV is malformed or, in strict mode, a value or row does not fit.</exception>
    public static CsvFrameResult Read(Stream stream, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        var text = CsvRecordSource.Decode(stream, options); // not disposed: as in ReadAsync
        return Read(text, options);
    }

    /// <summary>Reads decoded text synchronously. A leading U+FEFF is dropped. The reader is not closed.</summary>
    /// <exception cref="CsvDataException">The CSV is malformed or, in strict mode, a value or row does not fit.</exception>
    public static CsvFrameResult Read(TextReader reader, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= CsvReadOptions.Default;
        using var source = CsvRecordSource.Open(reader, options);
        return FrameAssembler.Read(source, options);
    }

    /// <summary>Reads CSV held in a string (not a file path).</summary>
    /// <exception cref="CsvDataException">The CSV is malformed or, in strict mode, a value or row does not fit.</exception>
    public static CsvFrameResult Parse(string csv, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        return Read(reader, options);
    }
}
