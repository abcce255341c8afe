using System.Globalization;
using System.Text.Json;

namespace ModeSharp.Emulator.Workspace;

/// <summary>A report's parameters: names, types and defaults, and the checks a run's values must pass.</summary>
internal sealed class ReportParameters
{
    private readonly IReadOnlyList<ParameterDefinition> _definitions;
    private readonly Dictionary<string, object> _defaults;

    public ReportParameters(IReadOnlyList<ParameterDefinition> definitions, string reportToken)
    {
        _definitions = definitions;
        _defaults = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in definitions)
        {
            if (p.Type is not ("integer" or "number" or "text"))
            {
                throw new InvalidDataException($"Report {reportToken}: parameter '{p.Name}' has type '{p.Type}'; use integer, number or text.");
            }

            _defaults[p.Name] = Convert(p, p.Default.ValueKind == JsonValueKind.Undefined ? null : p.Default)
                ?? throw new InvalidDataException($"Report {reportToken}: parameter '{p.Name}' needs a default.");
        }
    }

    public IReadOnlyList<ParameterDefinition> Definitions => _definitions;

    public bool Contains(string name) => _defaults.ContainsKey(name);

    /// <summary>Defaults overlaid with <paramref name="given"/>. Unknown names are ignored, as Mode ignores them.</summary>
    /// <exception cref="ArgumentException">A value does not fit its parameter; the message names the parameter.</exception>
    public Dictionary<string, object> Resolve(IReadOnlyDictionary<string, JsonElement>? given)
    {
        var values = new Dictionary<string, object>(_defaults, StringComparer.Ordinal);
        if (given is null)
        {
            return values;
        }

        foreach (var p in _definitions)
        {
            if (given.TryGetValue(p.Name, out var element))
            {
                values[p.Name] = Convert(p, element)
                    ?? throw new ArgumentException($"parameter '{p.Name}' must not be null");
            }
        }

        return values;
    }

    private static object? Convert(ParameterDefinition p, JsonElement? element)
    {
        if (element is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (p.Type == "text")
        {
            return e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
                _ => throw new ArgumentException($"parameter '{p.Name}' must be a single text value, not {e.ValueKind.ToString().ToLowerInvariant()}"),
            };
        }

        var text = e.ValueKind switch
        {
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!.Trim(),
            _ => throw new ArgumentException($"parameter '{p.Name}' must be a number, not {e.ValueKind.ToString().ToLowerInvariant()}"),
        };
        object number = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (object)l
            : p.Type == "integer" ? throw new ArgumentException($"parameter '{p.Name}' must be a whole number; got '{Truncate(text)}'")
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? (object)d
            : throw new ArgumentException($"parameter '{p.Name}' must be a number; got '{Truncate(text)}'");
        var asDouble = System.Convert.ToDouble(number, CultureInfo.InvariantCulture);
        if ((p.Min is { } min && asDouble < min) || (p.Max is { } max && asDouble > max))
        {
            throw new ArgumentException($"parameter '{p.Name}' must be between {p.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"} and {p.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}; got {text}");
        }

        return number;
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
