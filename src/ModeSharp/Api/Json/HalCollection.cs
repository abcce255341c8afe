using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeSharp.Api.Json;

/// <summary>A HAL collection page: <c>pagination</c>, <c>_links</c> and <c>_embedded.{plural}</c>, items still raw.</summary>
internal sealed class HalCollection : ModeResource
{
    [JsonPropertyName("pagination")] public Pagination? Pagination { get; init; }

    [JsonPropertyName("_embedded")] public Dictionary<string, JsonElement>? Embedded { get; init; }
}

/// <summary>Mode's <c>pagination</c> object.</summary>
internal sealed class Pagination
{
    [JsonPropertyName("page")][JsonConverter(typeof(FlexibleInt64Converter))] public long? Page { get; init; }

    [JsonPropertyName("per_page")][JsonConverter(typeof(FlexibleInt64Converter))] public long? PerPage { get; init; }

    [JsonPropertyName("count")][JsonConverter(typeof(FlexibleInt64Converter))] public long? Count { get; init; }

    [JsonPropertyName("total_pages")][JsonConverter(typeof(FlexibleInt64Converter))] public long? TotalPages { get; init; }

    [JsonPropertyName("total_count")][JsonConverter(typeof(FlexibleInt64Converter))] public long? TotalCount { get; init; }
}

/// <summary>Mode's error body: <c>{"id": "not_found", "message": "report not found"}</c>.</summary>
internal sealed class ModeErrorBody
{
    [JsonPropertyName("id")][JsonConverter(typeof(FlexibleStringConverter))] public string? Id { get; init; }

    [JsonPropertyName("message")][JsonConverter(typeof(FlexibleStringConverter))] public string? Message { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Workspace))]
[JsonSerializable(typeof(Space))]
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(Query))]
[JsonSerializable(typeof(ReportRun))]
[JsonSerializable(typeof(QueryRun))]
[JsonSerializable(typeof(List<Space>))]
[JsonSerializable(typeof(List<Report>))]
[JsonSerializable(typeof(List<Query>))]
[JsonSerializable(typeof(List<ReportRun>))]
[JsonSerializable(typeof(List<QueryRun>))]
[JsonSerializable(typeof(HalCollection))]
[JsonSerializable(typeof(ModeErrorBody))]
internal sealed partial class ModeJsonContext : JsonSerializerContext
{
}
