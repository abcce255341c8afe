namespace ModeSharp.Results;

/// <summary>
/// One thing that did not fit while reading, kept as data on the result. The row was still kept.
/// </summary>
/// <param name="Row">1-based data row (the header is row 0).</param>
/// <param name="Line">1-based line of the input where the record begins.</param>
/// <param name="Column">The column's name, or null when the problem is about the whole row (its field count).</param>
/// <param name="Expected">What was wanted: a type name (<c>integer</c>), or a field count (<c>8 fields</c>).</param>
/// <param name="Actual">What was found: the raw cell text, or a field count.</param>
public sealed record CsvProblem(long Row, long Line, string? Column, string Expected, string Actual)
{
    /// <inheritdoc/>
    public override string ToString() => Column is null
        ? $"row {Row} (line {Line}): expected {Expected}, found {Actual}"
        : $"row {Row} (line {Line}), column '{Column}': expected {Expected}, found '{Actual}'";
}
