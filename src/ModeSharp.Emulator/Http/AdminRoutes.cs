using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ModeSharp.Emulator.Http;

/// <summary>
/// <c>GET/POST /_emulator/switches</c> and <c>POST /_emulator/switches/reset</c>: flip a standalone emulator's
/// switches over HTTP (same Basic credentials as the API). The POST body sets any subset of <see cref="SwitchSettings"/>.
/// </summary>
internal static class AdminRoutes
{
    public static void Map(IEndpointRouteBuilder app, EmulatorContext e)
    {
        app.MapGet("/_emulator/health", () => "ok");
        app.MapGet("/_emulator/switches", (HttpContext c) => WriteAsync(c, e.Switches));
        app.MapPost("/_emulator/switches/reset", (HttpContext c) =>
        {
            e.Switches.Reset();
            return WriteAsync(c, e.Switches);
        });
        app.MapPost("/_emulator/switches", async (HttpContext c) =>
        {
            SwitchSettings? settings;
            try
            {
                settings = await JsonSerializer.DeserializeAsync(c.Request.Body, SwitchJsonContext.Default.SwitchSettings, c.RequestAborted).ConfigureAwait(false);
                if (settings is null)
                {
                    throw new JsonException("the body is null");
                }

                settings.ApplyTo(e.Switches);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                await ApiResponses.BadRequestAsync(c, $"bad switch settings: {ex.Message}").ConfigureAwait(false);
                return;
            }

            await WriteAsync(c, e.Switches).ConfigureAwait(false);
        });
    }

    private static async Task WriteAsync(HttpContext c, EmulatorSwitches s)
    {
        c.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(c.Response.Body, SwitchSettings.From(s), SwitchJsonContext.Default.SwitchSettings, c.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The switches as JSON (snake_case); every property is optional when posting.</summary>
internal sealed class SwitchSettings
{
    public bool? RateLimit { get; set; }
    public int? RateLimitRequests { get; set; }
    public double? RateLimitWindowSeconds { get; set; }
    public int? FailNextRequests { get; set; }
    public int? FailStatus { get; set; }
    public double? ResponseDelayMs { get; set; }
    public bool? TruncateBodies { get; set; }
    public bool? GzipExports { get; set; }
    public string? CsvNull { get; set; }

    /// <summary><c>iso</c> or <c>sql</c>.</summary>
    public string? CsvTimestampFormat { get; set; }

    /// <summary><c>true_false</c> or <c>tf</c>.</summary>
    public string? CsvBooleans { get; set; }

    public bool? Bom { get; set; }
    public bool? Crlf { get; set; }
    public bool? IdsAsStrings { get; set; }
    public bool? NextPageLinkPastEnd { get; set; }
    public bool? RedirectExports { get; set; }
    [JsonPropertyName("run_filter_answers_500")]
    public bool? RunFilterAnswers500 { get; set; }
    public bool? ZipDropsQuery { get; set; }
    public bool? RejectUnknownRunFields { get; set; }
    public bool? ReportOmitsLastSuccessfulRun { get; set; }
    public bool? RunsEndCompleted { get; set; }
    public bool? RunsPassThroughRunningNotebook { get; set; }

    public static SwitchSettings From(EmulatorSwitches s) => new()
    {
        RateLimit = s.RateLimit,
        RateLimitRequests = s.RateLimitRequests,
        RateLimitWindowSeconds = s.RateLimitWindow.TotalSeconds,
        FailNextRequests = s.FailingRequestsRemaining,
        FailStatus = s.FailStatus,
        ResponseDelayMs = s.ResponseDelay.TotalMilliseconds,
        TruncateBodies = s.TruncateBodies,
        GzipExports = s.GzipExports,
        CsvNull = s.CsvNull,
        CsvTimestampFormat = s.CsvTimestampFormat == Emulator.CsvTimestampFormat.Iso ? "iso" : "sql",
        CsvBooleans = s.CsvBooleans == CsvBooleanFormat.TrueFalse ? "true_false" : "tf",
        Bom = s.Bom,
        Crlf = s.Crlf,
        IdsAsStrings = s.IdsAsStrings,
        NextPageLinkPastEnd = s.NextPageLinkPastEnd,
        RedirectExports = s.RedirectExports,
        RunFilterAnswers500 = s.RunFilterAnswers500,
        ZipDropsQuery = s.ZipDropsQuery,
        RejectUnknownRunFields = s.RejectUnknownRunFields,
        ReportOmitsLastSuccessfulRun = s.ReportOmitsLastSuccessfulRun,
        RunsEndCompleted = s.RunsEndCompleted,
        RunsPassThroughRunningNotebook = s.RunsPassThroughRunningNotebook,
    };

    /// <exception cref="ArgumentException">A value is out of range; nothing is applied.</exception>
    public void ApplyTo(EmulatorSwitches s)
    {
        var timestamps = CsvTimestampFormat?.ToLowerInvariant() switch
        {
            null => (CsvTimestampFormat?)null,
            "iso" => Emulator.CsvTimestampFormat.Iso,
            "sql" => Emulator.CsvTimestampFormat.Sql,
            var other => throw new ArgumentException($"csv_timestamp_format must be iso or sql; got '{other}'"),
        };
        var booleans = CsvBooleans?.ToLowerInvariant() switch
        {
            null => (CsvBooleanFormat?)null,
            "true_false" or "truefalse" => CsvBooleanFormat.TrueFalse,
            "tf" or "t_f" => CsvBooleanFormat.TF,
            var other => throw new ArgumentException($"csv_booleans must be true_false or tf; got '{other}'"),
        };

        // Validate everything before changing anything.
        var probe = new EmulatorSwitches();
        probe.CopyFrom(s);
        Apply(probe, timestamps, booleans);
        Apply(s, timestamps, booleans);
    }

    private void Apply(EmulatorSwitches s, CsvTimestampFormat? timestamps, CsvBooleanFormat? booleans)
    {
        if (RateLimit is { } rateLimit) s.RateLimit = rateLimit;
        if (RateLimitRequests is { } requests) s.RateLimitRequests = requests;
        if (RateLimitWindowSeconds is { } window) s.RateLimitWindow = TimeSpan.FromSeconds(window);
        if (FailNextRequests is { } count) s.FailNextRequests(count, FailStatus ?? 503);
        if (ResponseDelayMs is { } delay) s.ResponseDelay = TimeSpan.FromMilliseconds(delay);
        if (TruncateBodies is { } truncate) s.TruncateBodies = truncate;
        if (GzipExports is { } gzip) s.GzipExports = gzip;
        if (CsvNull is { } csvNull) s.CsvNull = csvNull;
        if (timestamps is { } t) s.CsvTimestampFormat = t;
        if (booleans is { } b) s.CsvBooleans = b;
        if (Bom is { } bom) s.Bom = bom;
        if (Crlf is { } crlf) s.Crlf = crlf;
        if (IdsAsStrings is { } ids) s.IdsAsStrings = ids;
        if (NextPageLinkPastEnd is { } next) s.NextPageLinkPastEnd = next;
        if (RedirectExports is { } redirect) s.RedirectExports = redirect;
        if (RunFilterAnswers500 is { } filter500) s.RunFilterAnswers500 = filter500;
        if (ZipDropsQuery is { } drop) s.ZipDropsQuery = drop;
        if (RejectUnknownRunFields is { } reject) s.RejectUnknownRunFields = reject;
        if (ReportOmitsLastSuccessfulRun is { } omit) s.ReportOmitsLastSuccessfulRun = omit;
        if (RunsEndCompleted is { } completed) s.RunsEndCompleted = completed;
        if (RunsPassThroughRunningNotebook is { } notebook) s.RunsPassThroughRunningNotebook = notebook;
    }
}

// A misspelt switch must fail loudly: silently ignoring it would turn a test into a no-op.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SwitchSettings))]
internal sealed partial class SwitchJsonContext : JsonSerializerContext;
