namespace ModeSharp.Results;

/// <summary>
/// The type of a column read from a results CSV. The lower-case names (<c>boolean</c>, <c>integer</c>,
/// <c>double</c>, <c>decimal</c>, <c>date</c>, <c>timestamp</c>, <c>text</c>) are what the column
/// specification prints; see <see cref="CsvColumnTypeNames"/>.
/// </summary>
// The member names are the typing rules' own type names; they are meant to name types.
#pragma warning disable CA1720
public enum CsvColumnType
{
    /// <summary><c>true</c>/<c>false</c> or <c>t</c>/<c>f</c>, any letter case. Held in a <c>BooleanDataFrameColumn</c>.</summary>
    Boolean,

    /// <summary>A 64-bit integer. Held in an <c>Int64DataFrameColumn</c>.</summary>
    Integer,

    /// <summary>A double-precision number whose every value is exact as a double. Held in a <c>DoubleDataFrameColumn</c>.</summary>
    Double,

    /// <summary>A number that needs more than a double keeps (over 15 significant digits or beyond 64 bits). Held in a <c>DecimalDataFrameColumn</c>.</summary>
    Decimal,

    /// <summary>A calendar date (<c>yyyy-MM-dd</c>). Held in a <c>DateTimeDataFrameColumn</c> at midnight, kind unspecified.</summary>
    Date,

    /// <summary>An ISO 8601 date and time. Held in a <c>DateTimeDataFrameColumn</c>; UTC kind when the values carried a zone.</summary>
    Timestamp,

    /// <summary>Anything else: the exact characters from the file. Held in a <c>StringDataFrameColumn</c>.</summary>
    Text,
}
#pragma warning restore CA1720

/// <summary>The printable names of <see cref="CsvColumnType"/> values.</summary>
public static class CsvColumnTypeNames
{
    /// <summary>The name used in the column specification: <c>boolean</c>, <c>integer</c>, <c>double</c>, <c>decimal</c>, <c>date</c>, <c>timestamp</c> or <c>text</c>.</summary>
    public static string ToTypeName(this CsvColumnType type) => type switch
    {
        CsvColumnType.Boolean => "boolean",
        CsvColumnType.Integer => "integer",
        CsvColumnType.Double => "double",
        CsvColumnType.Decimal => "decimal",
        CsvColumnType.Date => "date",
        CsvColumnType.Timestamp => "timestamp",
        CsvColumnType.Text => "text",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    /// <summary>Parses a type name as printed by <see cref="ToTypeName"/> (ordinal, case-insensitive).</summary>
    public static bool TryParse(string name, out CsvColumnType type)
    {
        foreach (var candidate in Enum.GetValues<CsvColumnType>())
        {
            if (string.Equals(candidate.ToTypeName(), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
