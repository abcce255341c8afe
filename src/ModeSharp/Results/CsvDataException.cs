namespace ModeSharp.Results;

/// <summary>
/// A results CSV could not be read as asked. Says where: the data row, the input line, the column,
/// the raw value and what was expected, whichever apply.
/// </summary>
public sealed class CsvDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CsvDataException(string message, long? row = null, long? line = null, string? column = null, string? rawValue = null, string? expected = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Row = row;
        Line = line;
        Column = column;
        RawValue = rawValue;
        Expected = expected;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CsvDataException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CsvDataException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception without details.</summary>
    public CsvDataException() { }

    /// <summary>1-based data row (the header is row 0), when known.</summary>
    public long? Row { get; }

    /// <summary>1-based input line: where the record began, or for an unterminated quote where the field began.</summary>
    public long? Line { get; }

    /// <summary>The column's name, when the error is about one cell.</summary>
    public string? Column { get; }

    /// <summary>The raw cell text, when the error is about one cell.</summary>
    public string? RawValue { get; }

    /// <summary>What was wanted (a type name or a field count).</summary>
    public string? Expected { get; }

    internal static CsvDataException FromProblem(CsvProblem problem) => new(
        "CSV " + problem + ".", problem.Row, problem.Line, problem.Column, problem.Column is null ? null : problem.Actual, problem.Expected);
}
