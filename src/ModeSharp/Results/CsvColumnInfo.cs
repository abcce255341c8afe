namespace ModeSharp.Results;

/// <summary>One column of the specification: its name, what the header said, and the type it was given.</summary>
/// <param name="Position">1-based column position.</param>
/// <param name="Name">The name in the frame (unique, non-empty).</param>
/// <param name="OriginalName">The header's text for this column (empty for an unnamed column, null for an extra column the header did not have).</param>
/// <param name="Type">The column's type.</param>
/// <param name="IsUtc">For timestamps: the values carried a zone and were converted to UTC.</param>
public sealed record CsvColumnInfo(int Position, string Name, string? OriginalName, CsvColumnType Type, bool IsUtc)
{
    /// <summary>The type's printed name: exactly one of <c>boolean integer double decimal date timestamp text</c>.</summary>
    public string TypeName => Type.ToTypeName();
}
