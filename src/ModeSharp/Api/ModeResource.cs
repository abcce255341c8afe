using System.Text.Json;
using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>
/// What every Mode object has: HAL <c>_links</c> and whatever fields this version of ModeSharp does not model,
/// kept in <see cref="AdditionalProperties"/> rather than dropped.
/// </summary>
public abstract class ModeResource
{
    private static readonly IReadOnlyDictionary<string, HalLink> EmptyLinks = new Dictionary<string, HalLink>();
    private IReadOnlyDictionary<string, HalLink> _links = EmptyLinks;

    /// <summary>The object's <c>_links</c>, by relation name (<c>self</c>, <c>report</c>, <c>query_runs</c>, ...).</summary>
    [JsonPropertyName("_links")]
    [JsonConverter(typeof(HalLinksConverter))]
    public IReadOnlyDictionary<string, HalLink> Links
    {
        get => _links;

        // The source generator passes null for a missing _links; an object always has a (possibly empty) map.
        init => _links = value ?? EmptyLinks;
    }

    /// <summary>Fields Mode sent that have no property here, as raw JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The href of a link, or <see langword="null"/>.</summary>
    public string? GetLink(string relation) => Links.TryGetValue(relation, out var link) ? link.Href : null;
}
