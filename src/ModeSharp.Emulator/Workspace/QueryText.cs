using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModeSharp.Emulator.Workspace;

/// <summary>
/// Mode report SQL with <c>{{ name }}</c> placeholders, turned into SQL with bound parameters. A placeholder
/// written inside quotes (<c>'{{ name }}'</c>, as Mode users write text parameters) is replaced quotes and all,
/// so the value is always a bound value and never becomes SQL text.
/// </summary>
internal sealed partial class QueryText
{
    [GeneratedRegex(@"'\{\{\s*(?<name>\w+)\s*\}\}'|\{\{\s*(?<name>\w+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private QueryText(string raw, string bound, IReadOnlyList<string> parameterNames)
    {
        Raw = raw;
        Bound = bound;
        ParameterNames = parameterNames;
    }

    /// <summary>The SQL as written, placeholders included (a query run's <c>raw_source</c>).</summary>
    public string Raw { get; }

    /// <summary>The SQL with each placeholder replaced by <c>$name</c>.</summary>
    public string Bound { get; }

    /// <summary>The parameter names the SQL uses.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    public static QueryText Parse(string raw)
    {
        var names = new List<string>();
        var bound = Placeholder().Replace(raw, m =>
        {
            var name = m.Groups["name"].Value;
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }

            return "$" + name;
        });
        return new QueryText(raw, bound, names);
    }

    /// <summary>
    /// The SQL with values written in, for display only (a query run's <c>rendered_source</c>); never executed.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object> values) => Placeholder().Replace(Raw, m =>
    {
        var name = m.Groups["name"].Value;
        if (!values.TryGetValue(name, out var value))
        {
            return m.Value;
        }

        return value switch
        {
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString(CultureInfo.InvariantCulture),
            _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal) + "'",
        };
    });

    public override string ToString() => new StringBuilder("QueryText(").Append(Raw.Length).Append(" chars)").ToString();
}
