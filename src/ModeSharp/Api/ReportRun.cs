using System.Text.Json;
using System.Text.Json.Serialization;
using ModeSharp.Api.Json;

namespace ModeSharp.Api;

/// <summary>One run of a report: all its queries, run with one set of parameters.</summary>
public sealed class ReportRun : ModeResource
{
    private IReadOnlyDictionary<string, JsonElement> _parameters = new Dictionary<string, JsonElement>();

    /// <summary>Run token.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>State; see <see cref="RunState.IsSuccess"/>, <see cref="RunState.IsFailure"/>, <see cref="RunState.IsInProgress"/>.</summary>
    [JsonPropertyName("state")] public RunState State { get; init; }

    /// <summary>Parameter values the run used (raw JSON values by name).</summary>
    [JsonPropertyName("parameters")]
    [JsonConverter(typeof(JsonObjectMapConverter))]
    public IReadOnlyDictionary<string, JsonElement> Parameters
    {
        get => _parameters;
        init => _parameters = value ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>When the run was created (started).</summary>
    [JsonPropertyName("created_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last update.</summary>
    [JsonPropertyName("updated_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>End; <see langword="null"/> until the run finishes.</summary>
    [JsonPropertyName("completed_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Set when Mode purged the results; a purged run's results answer 404.</summary>
    [JsonPropertyName("purge_completed_at")][JsonConverter(typeof(FlexibleDateTimeOffsetConverter))] public DateTimeOffset? PurgeCompletedAt { get; init; }

    /// <summary>Notebook state (<c>none</c>, <c>pending</c>, <c>succeeded</c>, <c>skipped</c>, ...).</summary>
    [JsonPropertyName("python_state")] public string? PythonState { get; init; }

    /// <summary>Whether this is the report's newest run.</summary>
    [JsonPropertyName("is_latest_report_run")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsLatestReportRun { get; init; }

    /// <summary>Whether this is the report's newest successful run.</summary>
    [JsonPropertyName("is_latest_successful_report_run")][JsonConverter(typeof(FlexibleBooleanConverter))] public bool? IsLatestSuccessfulReportRun { get; init; }

    /// <summary>Token of the report this run belongs to (from the request or <c>_links.report</c>).</summary>
    [JsonIgnore] public string? ReportToken { get; internal set; }
}
