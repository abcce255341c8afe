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
    /// <summary>The object's <c>_links</c>, by relation name (<c>self</c>, <c>report</c>, <c>query_runs</c>, ...).</summary>
    [JsonPropertyName("_links")]
    [JsonConverter(typeof(HalLinksConverter))]
    public IReadOnlyDictionary<string, HalLink> Links { get; init; } = new Dictionary<string, HalLink>();

    /// <summary>Fields Mode sent that have no property here, as raw JSON.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The href of a link, or <see langword="null"/>.</summary>
    public string? GetLink(string relation) => Links.TryGetValue(relation, out var link) ? link.Href : null;
}
