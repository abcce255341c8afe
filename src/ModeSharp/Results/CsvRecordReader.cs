using System.Runtime.CompilerServices;

namespace ModeSharp.Results;

/// <summary>
/// Reads a results CSV as a stream of the caller's records, one at a time in constant memory. Columns map to
/// public settable properties by name, ignoring case and underscores (<c>light_gray</c> fills <c>LightGray</c>);
/// each property's type decides its column's type (<c>long</c>/<c>int</c> integer, <c>double</c>, <c>decimal</c>,
/// <c>bool</c> boolean, <c>DateOnly</c> date, <c>DateTime</c>/<c>DateTimeOffset</c> timestamp, <c>string</c> text,
/// and their nullable forms). A property with no column, a null in a non-nullable property, an integer too large for
/// an <c>int</c> or <c>short</c> property, or a value that does not parse is a <see cref="CsvDataException"/>.
/// Classes, records with <c>init</c> properties and structs are filled; columns no property names are skipped.
/// </summary>
/// <remarks>
/// The mapping is built once per record type (setters compiled from expression trees, no reflection or boxing per
/// cell) and matched to each file's header when its enumeration starts.
/// </remarks>
public static class CsvRecordReader
{
    /// <summary>Reads records from a byte stream (UTF-8 unless the options say otherwise). The stream is not closed.</summary>
    public static IAsyncEnumerable<T> ReadAsync<T>(Stream stream, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync<T>(stream, null, options ?? CsvReadOptions.Default, cancellationToken);
    }

    /// <summary>Reads records from decoded text. The text reader is not closed.</summary>
    public static IAsyncEnumerable<T> ReadAsync<T>(TextReader reader, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCoreAsync<T>(null, reader, options ?? CsvReadOptions.Default, cancellationToken);
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

        // The reader consults ColumnTypes after Select has filled it: both happen while the header is read.
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
