namespace ModeSharp.Results;

/// <summary>A header name the reader had to change: it was empty, or repeated an earlier name.</summary>
/// <param name="Position">1-based column position.</param>
/// <param name="OriginalName">The name as it was in the header (possibly empty).</param>
/// <param name="Name">The name the column has in the frame.</param>
public sealed record CsvRenamedHeader(int Position, string OriginalName, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"column {Position}: '{OriginalName}' -> '{Name}'";
}
