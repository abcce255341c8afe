namespace ModeSharp.Results;

/// <summary>What to do with a record that has more fields than the header.</summary>
public enum CsvExtraFieldsPolicy
{
    /// <summary>Throw a <see cref="CsvDataException"/> naming the row: a value would otherwise be dropped. The default.</summary>
    Error,

    /// <summary>Keep the extra values in generated columns (<c>column_N</c>, 1-based position), null in the other rows, and report the row as a problem.</summary>
    KeepInGeneratedColumns,
}
