namespace ModeSharp.Emulator.Workspace;

/// <summary>
/// What a column holds, beyond SQLite's storage classes: dates, timestamps and booleans are stored as text or
/// integers, and the exporters need to know to write them as Mode would.
/// </summary>
internal enum ColumnKind
{
    /// <summary>Written by each value's storage class.</summary>
    Auto,
    Integer,
    Double,
    Text,

    /// <summary>Stored as <c>yyyy-MM-dd</c> text or Unix seconds.</summary>
    Date,

    /// <summary>Stored as <c>yyyy-MM-dd HH:mm:ss[.fff]</c> UTC text or Unix seconds.</summary>
    Timestamp,

    /// <summary>Stored as 0/1.</summary>
    Boolean,
}

internal static class ColumnKinds
{
    public static ColumnKind Parse(string name, string where) => name.Trim().ToUpperInvariant() switch
    {
        "INTEGER" or "INT" or "BIGINT" => ColumnKind.Integer,
        "DOUBLE" or "REAL" or "FLOAT" or "NUMBER" => ColumnKind.Double,
        "TEXT" or "STRING" or "VARCHAR" => ColumnKind.Text,
        "DATE" => ColumnKind.Date,
        "TIMESTAMP" or "DATETIME" => ColumnKind.Timestamp,
        "BOOLEAN" or "BOOL" => ColumnKind.Boolean,
        _ => throw new InvalidDataException($"{where}: unknown column type '{name}' (use integer, double, text, date, timestamp or boolean)."),
    };

    /// <summary>The declared SQL type, which SQLite reports back as the column's decltype for plain column references.</summary>
    public static string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Double => "DOUBLE",
        ColumnKind.Date => "DATE",
        ColumnKind.Timestamp => "TIMESTAMP",
        ColumnKind.Boolean => "BOOLEAN",
        _ => "TEXT",
    };

    /// <summary>Maps a SQLite decltype back to a kind; expressions have none and are written by storage class.</summary>
    public static ColumnKind FromDeclaredType(string? declared) => declared?.ToUpperInvariant() switch
    {
        "DATE" => ColumnKind.Date,
        "TIMESTAMP" or "DATETIME" => ColumnKind.Timestamp,
        "BOOLEAN" => ColumnKind.Boolean,
        _ => ColumnKind.Auto,
    };
}
