namespace ModeSharp.Cli.Output;

/// <summary>How a column's values are written: the reader's type names, in one enum.</summary>
internal enum ColumnKind
{
    Boolean,
    Integer,
    Double,
    Decimal,
    Date,
    Timestamp,
    Text,
}

internal static class ColumnKinds
{
    public static ColumnKind Parse(string typeName) => typeName switch
    {
        "boolean" => ColumnKind.Boolean,
        "integer" => ColumnKind.Integer,
        "double" => ColumnKind.Double,
        "decimal" => ColumnKind.Decimal,
        "date" => ColumnKind.Date,
        "timestamp" => ColumnKind.Timestamp,
        _ => ColumnKind.Text,
    };
}
