using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>A space ("collection" in Mode's UI).</summary>
public sealed class Space : ModeResource
{
    /// <summary>Token used in URLs.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>Numeric id, as text.</summary>
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    /// <summary><c>custom</c> or <c>private</c> (personal).</summary>
    [JsonPropertyName("space_type")] public string? SpaceType { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>State, e.g. <c>active</c>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>Whether access is restricted.</summary>
    [JsonPropertyName("restricted")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Restricted { get; init; }

    /// <summary>Mode's <c>viewable?</c> flag.</summary>
    [JsonPropertyName("viewable?")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Viewable { get; init; }

    /// <summary>Mode's <c>viewed?</c> flag.</summary>
    [JsonPropertyName("viewed?")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Viewed { get; init; }

    /// <summary>Default access level, e.g. <c>edit</c> or <c>view</c>.</summary>
    [JsonPropertyName("default_access_level")] public string? DefaultAccessLevel { get; init; }
}
