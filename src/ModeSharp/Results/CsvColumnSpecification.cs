using System.Globalization;
using System.Text;

namespace ModeSharp.Results;

/// <summary>
/// What a read decided, in the spirit of readr's column specification: how many rows and columns, each
/// column's type, and which header names were changed. <see cref="Format"/> prints it.
/// </summary>
public sealed class CsvColumnSpecification
{
    internal CsvColumnSpecification(long rowCount, IReadOnlyList<CsvColumnInfo> columns, IReadOnlyList<CsvRenamedHeader> renamedHeaders)
    {
        RowCount = rowCount;
        Columns = columns;
        RenamedHeaders = renamedHeaders;
    }

    /// <summary>Data rows read (the header excluded).</summary>
    public long RowCount { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<CsvColumnInfo> Columns { get; }

    /// <summary>Header names that were empty or repeated, and what they became.</summary>
    public IReadOnlyList<CsvRenamedHeader> RenamedHeaders { get; }

    /// <summary>The column with this name (as in the frame), or null.</summary>
    public CsvColumnInfo? this[string name] => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The specification as text:
    /// <code>
    /// Rows: 65  Columns: 8
    /// text    (1): main
    /// integer (7): year, white, red, blue, black, light_gray, total
    /// </code>
    /// Types appear in the order of their first column; UTC timestamps are marked <c>(UTC)</c>; renamed headers follow.
    /// </summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Rows: {RowCount}  Columns: {Columns.Count}").Append('\n');
        var groups = Columns.GroupBy(c => c.Type).ToList();
        int width = groups.Count == 0 ? 0 : groups.Max(g => g.Key.ToTypeName().Length);
        foreach (var group in groups)
        {
            text.Append(group.Key.ToTypeName().PadRight(width))
                .Append(CultureInfo.InvariantCulture, $" ({group.Count()}): ")
                .AppendJoin(", ", group.Select(c => c.IsUtc ? c.Name + " (UTC)" : c.Name))
                .Append('\n');
        }

        if (RenamedHeaders.Count > 0)
        {
            text.Append("Renamed headers: ").AppendJoin("; ", RenamedHeaders).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Format();
}
