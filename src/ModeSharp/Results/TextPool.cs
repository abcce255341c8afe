namespace ModeSharp.Results;

/// <summary>
/// Shares string instances for a text column with few distinct values, so a million rows of
/// <c>operating</c> cost one string. Gives up on columns that turn out to be mostly unique (ids, notes),
/// where lookups would only cost time.
/// </summary>
internal sealed class TextPool
{
    private const int MaxPooledLength = 64;
    private const int MaxEntries = 4096;
    private const int TrialLookups = 4096;

    private Dictionary<string, string>? _strings;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _lookups;
    private int _hits;

    public TextPool()
    {
        _strings = new Dictionary<string, string>(StringComparer.Ordinal);
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether pooling was given up: every non-empty value will be a new string.</summary>
    public bool GaveUp => _strings is null;

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        var strings = _strings;
        if (strings is null || text.Length > MaxPooledLength) return new string(text);

        _lookups++;
        if (_lookup.TryGetValue(text, out var pooled))
        {
            _hits++;
            return pooled;
        }

        var created = new string(text);
        if (strings.Count < MaxEntries) strings.Add(created, created);
        if (_lookups == TrialLookups && _hits * 2 < _lookups)
        {
            _strings = null; // mostly distinct values: pooling would not pay
        }

        return created;
    }
}
