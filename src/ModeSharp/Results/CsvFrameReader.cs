namespace ModeSharp.Results;

/// <summary>
/// Reads a results CSV once, start to end, into a typed <see cref="Microsoft.Data.Analysis.DataFrame"/>, deciding each
/// column's type from every row (docs/reader.md has the rules). Works on non-seekable streams delivered in pieces,
/// such as an HTTP response body, and never holds a copy of the whole body. Stateless and thread-safe.
/// </summary>
public static class CsvFrameReader
{
    /// <summary>Reads a byte stream (UTF-8 unless <see cref="CsvReadOptions.Encoding"/> or a byte order mark says otherwise). The stream is not closed.</summary>
    /// <exception cref="CsvDataException">The CSV is malformed (unterminated quote, extra fields) or, in strict mode, a value or row does not fit.</exception>
    public static async Task<CsvFrameResult> ReadAsync(Stream stream, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(stream, options);
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
        using var text = CsvRecordSource.Decode(stream, options);
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
