namespace ModeSharp.Results;

/// <summary>Turns the header record into unique, non-empty column names, and says which ones it changed.</summary>
internal static class HeaderNames
{
    /// <summary>The name given to an unnamed column at a 1-based position.</summary>
    public static string Generated(int position) => "column_" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string[] MakeUnique(IReadOnlyList<string> header, List<CsvRenamedHeader> renamed)
    {
        var wanted = new string[header.Count];
        for (int i = 0; i < header.Count; i++)
        {
            wanted[i] = header[i].Length == 0 ? Generated(i + 1) : header[i];
        }

        var original = new HashSet<string>(wanted, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[header.Count];
        for (int i = 0; i < wanted.Length; i++)
        {
            string name = wanted[i];
            string candidate = name;
            if (used.Contains(candidate))
            {
                // Skip suffixes another column has as its own name: a, a, a_2 -> a, a_3, a_2.
                for (int k = 2; ; k++)
                {
                    candidate = name + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!used.Contains(candidate) && !original.Contains(candidate)) break;
                }
            }

            used.Add(candidate);
            names[i] = candidate;
            if (!string.Equals(candidate, header[i], StringComparison.Ordinal))
            {
                renamed.Add(new CsvRenamedHeader(i + 1, header[i], candidate));
            }
        }

        return names;
    }

    /// <summary>A fresh name for an extra column at a 1-based position, unique among <paramref name="used"/>.</summary>
    public static string Extra(int position, ICollection<string> used)
    {
        string name = Generated(position);
        string candidate = name;
        for (int k = 2; used.Contains(candidate); k++)
        {
            candidate = name + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
