using System.Reflection;

namespace ModeSharp.Results;

/// <summary>
/// How one record type maps to CSV columns: its public settable properties, each with a compiled setter (and the
/// names of the public ones it cannot set, so that a column for one of those is refused, not dropped). Built once
/// per type and shared by every read (it holds nothing about any one CSV); <see cref="Bind"/> matches it to a header.
/// </summary>
internal sealed class RecordMap<TRecord>
{
    // Not a static readonly initializer: a type that cannot be mapped must throw its NotSupportedException itself at
    // each read, not a TypeInitializationException once. A race only builds the same map twice.
    private static RecordMap<TRecord>? s_instance;

    private readonly RecordProperty<TRecord>[] _properties;

    // Public properties the reader cannot set (no setter, or a private/internal/protected one), by key: harmless
    // until a CSV has their column, which would then be dropped without a word, so Bind refuses that.
    private readonly (string Key, string Name)[] _unsettable;

    private RecordMap()
    {
        var candidates = typeof(TRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToLookup(p => p.SetMethod is { IsPublic: true });
        _properties = candidates[true].Select(RecordProperty<TRecord>.Create).ToArray();
        _unsettable = candidates[false].Select(p => (RecordProperty<TRecord>.KeyOf(p.Name), p.Name)).ToArray();
    }

    public static RecordMap<TRecord> Instance => s_instance ??= new RecordMap<TRecord>();

    /// <summary>
    /// Matches every property to a column of <paramref name="names"/> (the renamed header) by name, ignoring case and
    /// underscores; the first column wins when two match. Fills <paramref name="columnTypes"/> with the type each bound
    /// column is read as.
    /// </summary>
    /// <exception cref="CsvDataException">A property has no column.</exception>
    /// <exception cref="ArgumentException">
    /// Two properties map to the same column, or a column maps to a property without a public setter or <c>init</c>.
    /// </exception>
    public RecordFiller<TRecord> Bind(string[] names, IDictionary<string, CsvColumnType> columnTypes)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = names.Length - 1; i >= 0; i--) byKey[RecordProperty<TRecord>.KeyOf(names[i])] = i;
        var bound = new RecordFiller<TRecord>.Binding[_properties.Length];
        var owners = new Dictionary<int, string>();
        for (int p = 0; p < _properties.Length; p++)
        {
            var property = _properties[p];
            if (!byKey.TryGetValue(property.Key, out int ordinal))
            {
                throw new CsvDataException($"Property '{property.Name}' has no column in the CSV. Its columns are: {string.Join(", ", names)}.");
            }

            // Checked here, not when the map is built: two such properties are only a conflict once a column exists for
            // them, and without this the second one's type silently wins and the first row fails with a cast error.
            if (!owners.TryAdd(ordinal, property.Name))
            {
                throw new ArgumentException(
                    $"Properties {Describe(owners[ordinal])} and {Describe(property.Name)} both map to CSV column '{names[ordinal]}' " +
                    "(names are matched ignoring case and underscores); rename or remove one of them.");
            }

            bound[p] = new(property, ordinal);
            columnTypes[names[ordinal]] = property.ColumnType;
        }

        foreach (var (key, name) in _unsettable)
        {
            if (byKey.TryGetValue(key, out int ordinal))
            {
                throw new ArgumentException(
                    $"Property {Describe(name)} matches CSV column '{names[ordinal]}' but the reader cannot set it; " +
                    "the property needs a public setter or init (or rename it so that it matches no column).");
            }
        }

        return new RecordFiller<TRecord>(bound);
    }

    private static string Describe(string propertyName) => $"{typeof(TRecord).Name}.{propertyName}";
}

/// <summary>Fills records from the current row of one read: the record type's properties bound to that CSV's column ordinals.</summary>
internal sealed class RecordFiller<TRecord>
{
    private readonly Binding[] _bound;

    public RecordFiller(Binding[] bound) => _bound = bound;

    /// <summary>The columns some property reads; the reader converts only these.</summary>
    public ISet<int> Ordinals => _bound.Select(b => b.Ordinal).ToHashSet();

    /// <summary>Sets every bound property of <paramref name="record"/> from the reader's current row.</summary>
    /// <exception cref="CsvDataException">A null cell for a property that cannot hold null.</exception>
    public void Fill(ref TRecord record, CsvTypedDataReader data)
    {
        foreach (var (property, ordinal) in _bound)
        {
            if (!data.IsDBNull(ordinal))
            {
                property.Set(ref record, data, ordinal);
            }
            else if (property.AcceptsNull)
            {
                property.SetNull(ref record); // also over an initializer's value: the CSV said null
            }
            else
            {
                string column = data.GetName(ordinal), raw = data.RawText(ordinal);
                throw new CsvDataException(
                    $"CSV row {data.Row} (line {data.Line}), column '{column}': expected {property.ColumnType.ToTypeName()}, found null ('{raw}') " +
                    $"but property '{property.Name}' cannot hold null; make it nullable.",
                    data.Row, data.Line, column, raw, property.ColumnType.ToTypeName());
            }
        }
    }

    /// <summary>One property and the ordinal of its column.</summary>
    internal readonly record struct Binding(RecordProperty<TRecord> Property, int Ordinal);
}
