using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>One query's part of a report run; its results are exported per query.</summary>
public sealed class QueryRun : ModeResource
{
    /// <summary>Query run token.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>Numeric id, as text.</summary>
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    /// <summary>State.</summary>
    [JsonPropertyName("state")] public RunState State { get; init; }

    /// <summary>Token of the query that ran.</summary>
    [JsonPropertyName("query_token")] public string? QueryToken { get; init; }

    /// <summary>Name of the query that ran.</summary>
    [JsonPropertyName("query_name")] public string? QueryName { get; init; }

    /// <summary>SQL before parameters were applied.</summary>
    [JsonPropertyName("raw_source")] public string? RawSource { get; init; }

    /// <summary>SQL as run.</summary>
    [JsonPropertyName("rendered_source")] public string? RenderedSource { get; init; }

    /// <summary>Created.</summary>
    [JsonPropertyName("created_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Finished.</summary>
    [JsonPropertyName("completed_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Data source id, as text.</summary>
    [JsonPropertyName("data_source_id")][JsonConverter(typeof(FlexibleStringConverter))] public string? DataSourceId { get; init; }

    /// <summary>Largest result Mode will keep, in bytes.</summary>
    [JsonPropertyName("max_result_bytes")][JsonConverter(typeof(FlexibleInt64Converter))] public long? MaxResultBytes { get; init; }

    /// <summary>Mode's error class, e.g. <c>SqlUnknownFunction</c>.</summary>
    [JsonPropertyName("error_code")][JsonConverter(typeof(FlexibleStringConverter))] public string? ErrorCode { get; init; }

    /// <summary>Error type (always <c>generic</c> so far).</summary>
    [JsonPropertyName("error_type")] public string? ErrorType { get; init; }

    /// <summary>The warehouse's error message when the query failed.</summary>
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; init; }

    /// <summary>Token of the report (from the request).</summary>
    [JsonIgnore] public string? ReportToken { get; internal set; }

    /// <summary>Token of the report run (from the request).</summary>
    [JsonIgnore] public string? RunToken { get; internal set; }
}
