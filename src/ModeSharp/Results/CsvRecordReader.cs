using System.Runtime.CompilerServices;

namespace ModeSharp.Results;

/// <summary>
/// Reads a results CSV as a stream of the caller's records, one at a time in constant memory. Columns map to
/// public settable properties by name, ignoring case and underscores (<c>light_gray</c> fills <c>LightGray</c>);
/// each property's type decides its column's type (<c>long</c>/<c>int</c> integer, <c>double</c>, <c>decimal</c>,
/// <c>bool</c> boolean, <c>DateOnly</c> date, <c>DateTime</c>/<c>DateTimeOffset</c> timestamp, <c>string</c> text,
/// and their nullable forms). A property with no column, a null in a non-nullable property, an integer too large for
/// an <c>int</c> or <c>short</c> property, or a value that does not parse is a <see cref="CsvDataException"/> naming
/// the row, input line, column, raw text and expected type.
/// Classes, records with <c>init</c> properties and structs are filled; columns no property names are skipped.
/// A <c>float</c> property takes the column read as a double and rounded to the nearest <c>float</c>, as a
/// <c>double</c> → <c>float</c> conversion does (<c>16777217</c> becomes <c>16777216</c>; <c>float</c> has 24 bits
/// of precision): use <c>double</c> or <c>decimal</c> when every digit matters.
/// </summary>
/// <remarks>
/// <para>
/// The mapping is built once per record type (setters compiled from expression trees, no reflection or boxing per
/// cell) and matched to each file's header when its enumeration starts. Binding refuses with an
/// <see cref="ArgumentException"/>, before any row is read, a record type that would lose data silently: a column
/// that matches a public property without a public setter or <c>init</c> (properties without a setter and without
/// a column are ignored), or two properties that match the same column (<c>Year</c> and <c>_year</c>).
/// </para>
/// <para>
/// Column types come from the record type's properties, so <see cref="CsvReadOptions.ColumnTypes"/> must be
/// empty: a non-empty one is an <see cref="ArgumentException"/> at the call rather than being ignored. The other
/// options (missing values, quoted empty strings, strictness, encoding) apply as for <see cref="CsvTypedDataReader"/>.
/// </para>
/// </remarks>
public static class CsvRecordReader
{
    /// <summary>Reads records from a byte stream (UTF-8 unless the options say otherwise). The stream is not closed.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> has <see cref="CsvReadOptions.ColumnTypes"/>; <typeparamref name="T"/>'s properties decide the types.</exception>
    public static IAsyncEnumerable<T> ReadAsync<T>(Stream stream, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync<T>(stream, null, Validate<T>(options), cancellationToken);
    }

    /// <summary>Reads records from decoded text. The text reader is not closed.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> has <see cref="CsvReadOptions.ColumnTypes"/>; <typeparamref name="T"/>'s properties decide the types.</exception>
    public static IAsyncEnumerable<T> ReadAsync<T>(TextReader reader, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCoreAsync<T>(null, reader, Validate<T>(options), cancellationToken);
    }

    // Refused, not ignored: a caller who set ColumnTypes expects them to matter, and the properties' types replace them.
    private static CsvReadOptions Validate<T>(CsvReadOptions? options)
    {
        if (options is { ColumnTypes.Count: > 0 })
        {
            throw new ArgumentException(
                $"CsvRecordReader<{typeof(T).Name}> takes column types from {typeof(T).Name}'s properties; ColumnTypes is for CsvFrameReader/CsvTypedDataReader. " +
                $"Leave it empty, or change the property types (overrides given: {string.Join(", ", options.ColumnTypes.Keys)}).",
                nameof(options));
        }

        return options ?? CsvReadOptions.Default;
    }

    // One iterator for both overloads (the stream's decoder is made and disposed here): a wrapping iterator would add
    // a second state machine step to every row.
    private static async IAsyncEnumerable<T> ReadCoreAsync<T>(Stream? stream, TextReader? reader, CsvReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : new()
    {
        using var decoded = stream is null ? null : CsvRecordSource.Decode(stream, options);
        var map = RecordMap<T>.Instance;
        var columnTypes = new Dictionary<string, CsvColumnType>(StringComparer.Ordinal);
        RecordFiller<T>? filler = null;
        ISet<int> Select(string[] names)
        {
            filler = map.Bind(names, columnTypes);
            return filler.Ordinals;
        }

        // The reader consults ColumnTypes after Select has filled it: both happen while the header is read. The
        // caller's ColumnTypes is empty (Validate), so nothing of theirs is replaced.
        var effective = options with { ColumnTypes = columnTypes };
        using var data = await CsvTypedDataReader.OpenAsync(decoded ?? reader!, effective, Select, cancellationToken).ConfigureAwait(false);
        while (await data.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = new T();
            filler!.Fill(ref item, data);
            yield return item;
        }
    }
}
