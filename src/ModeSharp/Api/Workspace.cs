using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>A Mode workspace (Mode's "account" object for an organization), from <c>GET /api/{ws}</c>.</summary>
public sealed class Workspace : ModeResource
{
    /// <summary>The workspace user name used in URLs.</summary>
    [JsonPropertyName("username")] public string? Username { get; init; }

    /// <summary>Display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Numeric id, as text (Mode sends numbers or strings).</summary>
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    /// <summary>Token.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary><see langword="false"/> for a workspace, <see langword="true"/> for a user.</summary>
    [JsonPropertyName("user")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsUser { get; init; }

    /// <summary>Plan code.</summary>
    [JsonPropertyName("plan_code")] public string? PlanCode { get; init; }

    /// <summary>Largest query run result in MB, when Mode says.</summary>
    [JsonPropertyName("query_run_size_limit_mb")][JsonConverter(typeof(FlexibleInt64Converter))] public long? QueryRunSizeLimitMb { get; init; }

    /// <summary>When the workspace was created.</summary>
    [JsonPropertyName("created_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CreatedAt { get; init; }
}
