using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>A report: one or more queries, run together as report runs.</summary>
public sealed class Report : ModeResource
{
    /// <summary>Token used in URLs (<c>app.mode.com/{ws}/reports/{token}</c>).</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>Numeric id, as text.</summary>
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    /// <summary>Name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Token of the space holding the report.</summary>
    [JsonPropertyName("space_token")] public string? SpaceToken { get; init; }

    /// <summary>Whether the report is archived.</summary>
    [JsonPropertyName("archived")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? Archived { get; init; }

    /// <summary>Created.</summary>
    [JsonPropertyName("created_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Updated.</summary>
    [JsonPropertyName("updated_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Start of the last run.</summary>
    [JsonPropertyName("last_run_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>End of the last successful run.</summary>
    [JsonPropertyName("last_successfully_run_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? LastSuccessfullyRunAt { get; init; }

    /// <summary>Token of the latest successful run: the cheapest way to it.</summary>
    [JsonPropertyName("last_successful_run_token")] public string? LastSuccessfulRunToken { get; init; }

    /// <summary>Number of queries.</summary>
    [JsonPropertyName("query_count")][JsonConverter(typeof(FlexibleInt64Converter))] public long? QueryCount { get; init; }

    /// <summary>Number of runs.</summary>
    [JsonPropertyName("runs_count")][JsonConverter(typeof(FlexibleInt64Converter))] public long? RunsCount { get; init; }
}
