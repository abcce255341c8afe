namespace ModeSharp.Results;

/// <summary>What every column builder of one read shares: the options in fast form and the problem list.</summary>
internal sealed class ReadContext
{
    private readonly HashSet<string> _missing;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _missingLookup;
    private readonly bool _hasMissing;

    public ReadContext(CsvReadOptions options)
    {
        Options = options;
        _missing = new HashSet<string>(options.MissingValues.Where(m => m.Length > 0), StringComparer.Ordinal);
        _missingLookup = _missing.GetAlternateLookup<ReadOnlySpan<char>>();
        _hasMissing = _missing.Count > 0;
    }

    public CsvReadOptions Options { get; }

    public List<CsvProblem> Problems { get; } = [];

    /// <summary>The row and line of the record being read, for problems.</summary>
    public long Row { get; set; }

    public long Line { get; set; }

    /// <summary>Whether the options name any missing-value strings besides the empty field.</summary>
    public bool HasMissingValues => _hasMissing;

    public bool IsMissing(ReadOnlySpan<char> cell) => _hasMissing && _missingLookup.Contains(cell);

    /// <summary>Records a problem, or throws it when the read is strict.</summary>
    public void Report(string? column, string expected, string actual)
    {
        var problem = new CsvProblem(Row, Line, column, expected, actual);
        if (Options.Strict) throw CsvDataException.FromProblem(problem);
        Problems.Add(problem);
    }
}
