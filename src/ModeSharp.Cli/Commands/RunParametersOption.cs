using System.CommandLine;

namespace ModeSharp.Cli.Commands;

/// <summary><c>--param NAME=VALUE</c>, repeatable; a name given twice becomes a multi-select list.</summary>
internal static class RunParametersOption
{
    public static Option<string[]> Create() => new("--param", "-p")
    {
        Description = "A report parameter as NAME=VALUE; repeat for more, or repeat a name for a multi-select list.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static IReadOnlyDictionary<string, object?>? Parse(string[]? values)
    {
        if (values is null || values.Length == 0) return null;
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCodes.Usage, $"--param '{value}' is not NAME=VALUE.");
            }
            var name = value[..equals].Trim();
            if (!lists.TryGetValue(name, out var list)) lists[name] = list = [];
            list.Add(value[(equals + 1)..]);
        }
        // Mode takes parameter values as text, the way its web form sends them.
        return lists.ToDictionary(p => p.Key, p => p.Value.Count == 1 ? (object?)p.Value[0] : p.Value.ToArray(), StringComparer.Ordinal);
    }
}
