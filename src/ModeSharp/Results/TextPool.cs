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

    private Dictionary<string, string>? _strings = new(StringComparer.Ordinal);
    private int _lookups;
    private int _hits;

    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        var strings = _strings;
        if (strings is null || text.Length > MaxPooledLength) return new string(text);

        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _lookups++;
        if (lookup.TryGetValue(text, out var pooled))
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
