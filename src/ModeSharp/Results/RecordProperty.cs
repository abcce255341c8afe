using System.Linq.Expressions;
using System.Reflection;

namespace ModeSharp.Results;

/// <summary>Assigns a value to one property of a record; by reference so that struct records are filled in place.</summary>
internal delegate void PropertyAssigner<TRecord, in TValue>(ref TRecord record, TValue value);

/// <summary>Assigns a property its default (null) value.</summary>
internal delegate void NullAssigner<TRecord>(ref TRecord record);

/// <summary>Reads the current row's cell at an ordinal, known not to be null, as one CLR type.</summary>
internal delegate TValue CellReader<out TValue>(CsvTypedDataReader data, int ordinal);

/// <summary>
/// One public settable property of a record type: the column type its CLR type declares, and a setter compiled once
/// per type, so that filling a record costs a delegate call per cell instead of <see cref="PropertyInfo.SetValue(object, object)"/>
/// (reflection plus a boxed value per cell, which made the record reader several times slower than the tokenizer).
/// </summary>
internal abstract class RecordProperty<TRecord>
{
    protected RecordProperty(PropertyInfo property, CsvColumnType columnType)
    {
        Name = property.Name;
        Key = KeyOf(property.Name);
        ColumnType = columnType;
        AcceptsNull = !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;
    }

    /// <summary>The property's name.</summary>
    public string Name { get; }

    /// <summary>The name as matched against column names: underscores removed, upper case (<c>light_gray</c> ↔ <c>LightGray</c>).</summary>
    public string Key { get; }

    /// <summary>The type the column is read as.</summary>
    public CsvColumnType ColumnType { get; }

    /// <summary>Whether the property can hold null (a reference type or a nullable value type).</summary>
    public bool AcceptsNull { get; }

    /// <summary>Sets the property from the current row's non-null cell at <paramref name="ordinal"/>.</summary>
    public abstract void Set(ref TRecord record, CsvTypedDataReader data, int ordinal);

    /// <summary>Sets the property to null; only called when <see cref="AcceptsNull"/>.</summary>
    public abstract void SetNull(ref TRecord record);

    public static string KeyOf(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The mapping of one property, or <see cref="NotSupportedException"/> when no CSV column can fill its type.</summary>
    public static RecordProperty<TRecord> Create(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string)) return new Typed<string>(property, CsvColumnType.Text, static (d, i) => d.GetString(i));
        if (type == typeof(long)) return new Typed<long>(property, CsvColumnType.Integer, static (d, i) => d.GetInt64(i));
        if (type == typeof(int)) return new Typed<int>(property, CsvColumnType.Integer, static (d, i) => Narrow(d, i, static v => checked((int)v), "32-bit integer"));
        if (type == typeof(short)) return new Typed<short>(property, CsvColumnType.Integer, static (d, i) => Narrow(d, i, static v => checked((short)v), "16-bit integer"));
        if (type == typeof(double)) return new Typed<double>(property, CsvColumnType.Double, static (d, i) => d.GetDouble(i));
        if (type == typeof(float)) return new Typed<float>(property, CsvColumnType.Double, static (d, i) => d.GetFloat(i));
        if (type == typeof(decimal)) return new Typed<decimal>(property, CsvColumnType.Decimal, static (d, i) => d.GetDecimal(i));
        if (type == typeof(bool)) return new Typed<bool>(property, CsvColumnType.Boolean, static (d, i) => d.GetBoolean(i));
        if (type == typeof(DateOnly)) return new Typed<DateOnly>(property, CsvColumnType.Date, static (d, i) => DateOnly.FromDateTime(d.GetDateTime(i)));
        if (type == typeof(DateTime)) return new Typed<DateTime>(property, CsvColumnType.Timestamp, static (d, i) => d.GetDateTime(i));
        if (type == typeof(DateTimeOffset)) return new Typed<DateTimeOffset>(property, CsvColumnType.Timestamp, static (d, i) => ToOffset(d.GetDateTime(i)));
        throw new NotSupportedException($"Property {property.DeclaringType?.Name}.{property.Name} has type {property.PropertyType}, which a CSV column cannot fill.");
    }

    // A zoned column is read as UTC; an unzoned one is taken as written, with a zero offset.
    private static DateTimeOffset ToOffset(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? new DateTimeOffset(value) : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero);

    /// <summary>An integer column into a narrower property: a value that does not fit is a located error, never truncated.</summary>
    private static TNarrow Narrow<TNarrow>(CsvTypedDataReader data, int ordinal, Func<long, TNarrow> convert, string expected)
    {
        long value = data.GetInt64(ordinal);
        try
        {
            return convert(value);
        }
        catch (OverflowException e)
        {
            // The same shape as the reader's parse errors; the raw text, not the parsed value (leading zeros stay).
            string column = data.GetName(ordinal), raw = data.RawText(ordinal);
            throw new CsvDataException(
                $"CSV row {data.Row} (line {data.Line}), column '{column}': expected {expected}, found '{raw}', which does not fit.",
                data.Row, data.Line, column, raw, expected, e);
        }
    }

    /// <summary>A property whose non-null values are <typeparamref name="TValue"/> (the property's type or its nullable form).</summary>
    private sealed class Typed<TValue> : RecordProperty<TRecord>
    {
        private readonly CellReader<TValue> _read;
        private readonly PropertyAssigner<TRecord, TValue> _assign;
        private readonly NullAssigner<TRecord>? _assignNull;

        public Typed(PropertyInfo property, CsvColumnType columnType, CellReader<TValue> read)
            : base(property, columnType)
        {
            _read = read;
            _assign = CompileAssigner(property);
            _assignNull = AcceptsNull ? CompileNullAssigner(property) : null;
        }

        public override void Set(ref TRecord record, CsvTypedDataReader data, int ordinal) => _assign(ref record, _read(data, ordinal));

        public override void SetNull(ref TRecord record) => _assignNull!(ref record);

        // Expression trees rather than Delegate.CreateDelegate over the setter: one shape serves classes and structs
        // (a struct is assigned through the reference), init-only setters, and the lift of T into T? for nullable properties.
        private static PropertyAssigner<TRecord, TValue> CompileAssigner(PropertyInfo property)
        {
            var record = Expression.Parameter(typeof(TRecord).MakeByRefType(), "record");
            var value = Expression.Parameter(typeof(TValue), "value");
            Expression assigned = typeof(TValue) == property.PropertyType ? value : Expression.Convert(value, property.PropertyType);
            var body = Expression.Assign(Expression.Property(record, property), assigned);
            return Expression.Lambda<PropertyAssigner<TRecord, TValue>>(body, record, value).Compile();
        }

        private static NullAssigner<TRecord> CompileNullAssigner(PropertyInfo property)
        {
            var record = Expression.Parameter(typeof(TRecord).MakeByRefType(), "record");
            var body = Expression.Assign(Expression.Property(record, property), Expression.Default(property.PropertyType));
            return Expression.Lambda<NullAssigner<TRecord>>(body, record).Compile();
        }
    }
}
