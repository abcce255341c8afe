using System.Reflection;
using System.Runtime.CompilerServices;

namespace ModeSharp.Results;

/// <summary>
/// Reads a results CSV as a stream of the caller's records, one at a time in constant memory. Columns map to
/// public settable properties by name, ignoring case and underscores (<c>light_gray</c> fills <c>LightGray</c>);
/// each property's type decides its column's type (<c>long</c>/<c>int</c> integer, <c>double</c>, <c>decimal</c>,
/// <c>bool</c> boolean, <c>DateOnly</c> date, <c>DateTime</c>/<c>DateTimeOffset</c> timestamp, <c>string</c> text,
/// and their nullable forms). A property with no column, a null in a non-nullable property, or a value that does
/// not parse is a <see cref="CsvDataException"/>.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>Reads records from a byte stream (UTF-8 unless the options say otherwise). The stream is not closed.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream stream, CsvReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(stream, options);
        await foreach (var item in ReadAsync<T>(text, options, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Reads records from decoded text. The text reader is not closed.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(TextReader reader, CsvReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(reader);
        var map = RecordMap.For(typeof(T));
        var (effective, select) = map.Prepare(options ?? CsvReadOptions.Default);
        using var data = await CsvTypedDataReader.OpenAsync(reader, effective, select, cancellationToken).ConfigureAwait(false);
        while (await data.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = new T();
            map.Fill(item!, data);
            yield return item;
        }
    }

    /// <summary>How one record type maps to CSV columns.</summary>
    private sealed class RecordMap
    {
        private static readonly ConditionalWeakTable<Type, RecordMap> Cache = [];

        private readonly (PropertyInfo Property, CsvColumnType Type, string Key)[] _properties;
        private (PropertyInfo Property, CsvColumnType Type, int Ordinal)[] _bound = [];

        private RecordMap(Type type)
        {
            _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
                .Select(p => (p, ColumnTypeOf(p), Key(p.Name)))
                .ToArray();
        }

        public static RecordMap For(Type type) => new(type); // per enumeration: binding state is per read

        private static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

        private static CsvColumnType ColumnTypeOf(PropertyInfo property)
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (t == typeof(string)) return CsvColumnType.Text;
            if (t == typeof(long) || t == typeof(int) || t == typeof(short)) return CsvColumnType.Integer;
            if (t == typeof(double) || t == typeof(float)) return CsvColumnType.Double;
            if (t == typeof(decimal)) return CsvColumnType.Decimal;
            if (t == typeof(bool)) return CsvColumnType.Boolean;
            if (t == typeof(DateOnly)) return CsvColumnType.Date;
            if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return CsvColumnType.Timestamp;
            throw new NotSupportedException($"Property {property.DeclaringType?.Name}.{property.Name} has type {property.PropertyType}, which a CSV column cannot fill.");
        }

        public (CsvReadOptions Options, Func<string[], ISet<int>> Select) Prepare(CsvReadOptions options)
        {
            var types = new Dictionary<string, CsvColumnType>(StringComparer.Ordinal);
            ISet<int> Select(string[] names)
            {
                var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = names.Length - 1; i >= 0; i--) byKey[Key(names[i])] = i;
                var bound = new List<(PropertyInfo, CsvColumnType, int)>();
                foreach (var (property, type, key) in _properties)
                {
                    if (!byKey.TryGetValue(key, out int ordinal))
                    {
                        throw new CsvDataException($"Property '{property.Name}' has no column in the CSV. Its columns are: {string.Join(", ", names)}.");
                    }

                    bound.Add((property, type, ordinal));
                    types[names[ordinal]] = type;
                }

                _bound = [.. bound];
                return new HashSet<int>(bound.Select(b => b.Item3));
            }

            // The reader consults ColumnTypes after Select has filled it: both happen while the header is read.
            return (options with { ColumnTypes = types }, Select);
        }

        public void Fill(object item, CsvTypedDataReader data)
        {
            foreach (var (property, type, ordinal) in _bound)
            {
                if (data.IsDBNull(ordinal))
                {
                    if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
                    {
                        throw new CsvDataException(
                            $"CSV row {data.Row}, column '{data.GetName(ordinal)}' is empty but property '{property.Name}' cannot hold null; make it nullable.",
                            data.Row, null, data.GetName(ordinal), "", type.ToTypeName());
                    }

                    property.SetValue(item, null);
                    continue;
                }

                var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                object value = type switch
                {
                    CsvColumnType.Text => data.GetString(ordinal),
                    CsvColumnType.Integer when target == typeof(int) => Checked(() => data.GetInt32(ordinal), data, ordinal, "32-bit integer"),
                    CsvColumnType.Integer when target == typeof(short) => Checked(() => data.GetInt16(ordinal), data, ordinal, "16-bit integer"),
                    CsvColumnType.Integer => data.GetInt64(ordinal),
                    CsvColumnType.Double when target == typeof(float) => data.GetFloat(ordinal),
                    CsvColumnType.Double => data.GetDouble(ordinal),
                    CsvColumnType.Decimal => data.GetDecimal(ordinal),
                    CsvColumnType.Boolean => data.GetBoolean(ordinal),
                    CsvColumnType.Date => DateOnly.FromDateTime(data.GetDateTime(ordinal)),
                    _ when target == typeof(DateTimeOffset) => ToOffset(data.GetDateTime(ordinal)),
                    _ => data.GetDateTime(ordinal),
                };
                property.SetValue(item, value);
            }
        }

        private static DateTimeOffset ToOffset(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? new DateTimeOffset(value) : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero);

        private static object Checked(Func<object> get, CsvTypedDataReader data, int ordinal, string expected)
        {
            try
            {
                return get();
            }
            catch (OverflowException e)
            {
                throw new CsvDataException(
                    $"CSV row {data.Row}, column '{data.GetName(ordinal)}': {data.GetInt64(ordinal)} does not fit a {expected}.",
                    data.Row, null, data.GetName(ordinal), data.GetInt64(ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture), expected, e);
            }
        }
    }
}
