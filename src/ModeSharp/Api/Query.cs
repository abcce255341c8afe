using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>A query of a report.</summary>
public sealed class Query : ModeResource
{
    /// <summary>Token.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>Numeric id, as text.</summary>
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    /// <summary>Name, also the CSV member name in a report-level ZIP.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The SQL as written.</summary>
    [JsonPropertyName("raw_query")] public string? RawQuery { get; init; }

    /// <summary>Data source id, as text.</summary>
    [JsonPropertyName("data_source_id")][JsonConverter(typeof(FlexibleStringConverter))] public string? DataSourceId { get; init; }

    /// <summary>Created.</summary>
    [JsonPropertyName("created_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Updated.</summary>
    [JsonPropertyName("updated_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? UpdatedAt { get; init; }
}
