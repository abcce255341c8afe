using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeSharp.Emulator.State;

namespace ModeSharp.Emulator.Http;

/// <summary>Mode's REST routes under <c>/api</c> (mode-api.md §5, §11.1), plus the unauthenticated storage path.</summary>
internal static class ApiRoutes
{
    private const int RunsPerPageDefault = 20;
    private const int RunsPerPageMax = 30;
    private const int ReportsPerPage = 30;

    public static void Map(IEndpointRouteBuilder app, EmulatorContext e)
    {
        app.MapGet("/api/account", (HttpContext c) =>
            ApiResponses.BadRequestAsync(c, "This endpoint is unsupported for use with Api Keys"));

        app.MapGet("/api/{ws}", (HttpContext c, string ws) => WithWorkspace(c, e, ws, () =>
            ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Workspace(w))));

        foreach (var noun in new[] { "spaces", "collections" })
        {
            app.MapGet($"/api/{{ws}}/{noun}", (HttpContext c, string ws) => WithWorkspace(c, e, ws, () => ListSpacesAsync(c, e)));
            app.MapGet($"/api/{{ws}}/{noun}/{{space}}", (HttpContext c, string ws, string space) => WithWorkspace(c, e, ws, () =>
                e.Workspace.FindSpace(space) is { } s
                    ? ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Space(w, s))
                    : ApiResponses.NotFoundAsync(c, "space not found")));
            app.MapGet($"/api/{{ws}}/{noun}/{{space}}/reports", (HttpContext c, string ws, string space) => WithWorkspace(c, e, ws, () =>
                e.Workspace.FindSpace(space) is { } s
                    ? ListSpaceReportsAsync(c, e, s)
                    : ApiResponses.NotFoundAsync(c, "space not found")));
        }

        app.MapGet("/api/{ws}/reports/{report}", (HttpContext c, string ws, string report) => WithReport(c, e, ws, report, r =>
            ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Report(w, r, r.Snapshot()))));

        app.MapGet("/api/{ws}/reports/{report}/queries", (HttpContext c, string ws, string report) => WithReport(c, e, ws, report, r =>
        {
            var snap = r.Snapshot();
            var hal = Hal(c, e);
            return ApiResponses.WriteAsync(c, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("_links");
                w.WriteLink("self", hal.ReportPath(r) + "/queries");
                w.WriteLink("report", hal.ReportPath(r));
                w.WriteEndObject();
                w.WriteEmbedded("queries", r.Queries, q => hal.Query(w, r, q, snap));
                w.WriteEndObject();
            });
        }));

        app.MapGet("/api/{ws}/reports/{report}/queries/{query}", (HttpContext c, string ws, string report, string query) => WithReport(c, e, ws, report, r =>
            r.Queries.FirstOrDefault(q => q.Token == query) is { } found
                ? ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Query(w, r, found, r.Snapshot()))
                : ApiResponses.NotFoundAsync(c, "query not found")));

        app.MapGet("/api/{ws}/reports/{report}/runs", (HttpContext c, string ws, string report) => WithReport(c, e, ws, report, r => ListRunsAsync(c, e, r)));
        app.MapPost("/api/{ws}/reports/{report}/runs", (HttpContext c, string ws, string report) => WithReport(c, e, ws, report, r => CreateRunAsync(c, e, r)));

        app.MapGet("/api/{ws}/reports/{report}/runs/{run}", (HttpContext c, string ws, string report, string run) => WithRun(c, e, ws, report, run, (r, snap, x) =>
            ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Run(w, r, x, snap, inList: false))));

        app.MapGet("/api/{ws}/reports/{report}/runs/{run}/query_runs", (HttpContext c, string ws, string report, string run) => WithRun(c, e, ws, report, run, (r, snap, x) =>
        {
            var hal = Hal(c, e);
            return ApiResponses.WriteAsync(c, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("_links");
                w.WriteLink("self", hal.RunPath(r, x) + "/query_runs");
                w.WriteLink("report_run", hal.RunPath(r, x));
                w.WriteEndObject();
                w.WriteEmbedded("query_runs", x.QueryRuns, qr => hal.QueryRun(w, r, x, qr));
                w.WriteEndObject();
            });
        }));

        app.MapGet("/api/{ws}/reports/{report}/runs/{run}/query_runs/{queryRun}", (HttpContext c, string ws, string report, string run, string queryRun) =>
            WithRun(c, e, ws, report, run, (r, snap, x) => x.QueryRuns.FirstOrDefault(q => q.Token == queryRun) is { } qr
                ? ApiResponses.WriteAsync(c, 200, w => Hal(c, e).QueryRun(w, r, x, qr))
                : ApiResponses.NotFoundAsync(c, "query run not found")));

        app.MapGet("/api/{ws}/reports/{report}/runs/{run}/query_runs/{queryRun}/results", (HttpContext c, string ws, string report, string run, string queryRun) =>
            WithRun(c, e, ws, report, run, (r, snap, x) => x.QueryRuns.FirstOrDefault(q => q.Token == queryRun) is { } qr
                ? ApiResponses.WriteAsync(c, 200, w => Hal(c, e).Result(w, r, x, qr))
                : ApiResponses.NotFoundAsync(c, "query run not found")));

        foreach (var (extension, format) in new[] { ("csv", ExportFormat.Csv), ("json", ExportFormat.Json) })
        {
            app.MapGet($"/api/{{ws}}/reports/{{report}}/runs/{{run}}/query_runs/{{queryRun}}/results/content.{extension}",
                (HttpContext c, string ws, string report, string run, string queryRun) => Exports.ServeAsync(c, e, new ExportRequest(ws, report, run, queryRun, format), viaStorage: false));
            app.MapGet($"/api/{{ws}}/reports/{{report}}/runs/{{run}}/results/content.{extension}",
                (HttpContext c, string ws, string report, string run) => Exports.ServeAsync(c, e, new ExportRequest(ws, report, run, null, format), viaStorage: false));
            app.MapGet($"/api/{{ws}}/reports/{{report}}/results/content.{extension}",
                (HttpContext c, string ws, string report) => Exports.ServeAsync(c, e, new ExportRequest(ws, report, null, null, format), viaStorage: false));
        }

        app.MapGet("/_storage/{ws}/{report}/{run}/{queryRun}/{file}", (HttpContext c, string ws, string report, string run, string queryRun, string file) =>
            StorageAsync(c, e, ws, report, run, queryRun, file));

        app.MapFallback("/api/{**rest}", (HttpContext c) => ApiResponses.NotFoundAsync(c, "request path not recognized"));
    }

    private static HalWriter Hal(HttpContext c, EmulatorContext e) =>
        new(e, e.Switches.IdsAsStrings, $"{c.Request.Scheme}://{c.Request.Host}");

    private static Task WithWorkspace(HttpContext c, EmulatorContext e, string ws, Func<Task> next) =>
        string.Equals(ws, e.Ws, StringComparison.Ordinal) ? next() : ApiResponses.NotFoundAsync(c, "account not found");

    private static Task WithReport(HttpContext c, EmulatorContext e, string ws, string report, Func<ReportState, Task> next) =>
        WithWorkspace(c, e, ws, () => e.Workspace.FindReport(report) is { } r ? next(r) : ApiResponses.NotFoundAsync(c, "report not found"));

    private static Task WithRun(HttpContext c, EmulatorContext e, string ws, string report, string run, Func<ReportState, ReportSnapshot, RunState, Task> next) =>
        WithReport(c, e, ws, report, r =>
        {
            var snap = r.Snapshot();
            return snap.Find(run) is { } x ? next(r, snap, x) : ApiResponses.NotFoundAsync(c, "report run not found");
        });

    private static Task ListSpacesAsync(HttpContext c, EmulatorContext e)
    {
        // Without filter Mode returns nothing (OpenMetadata #16263); custom = custom spaces; all adds private ones.
        var filter = c.Request.Query["filter"].ToString();
        if (filter is not ("" or "custom" or "all"))
        {
            return ApiResponses.BadRequestAsync(c, $"filter must be custom or all; got '{filter}'");
        }

        var spaces = filter switch
        {
            "custom" => e.Workspace.Spaces.Where(s => s.SpaceType == "custom").ToList(),
            "all" => [.. e.Workspace.Spaces],
            _ => [],
        };
        var hal = Hal(c, e);
        return ApiResponses.WriteAsync(c, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("_links");
            w.WriteLink("self", $"/api/{e.Ws}/collections");
            w.WriteEndObject();
            w.WriteEmbedded("spaces", spaces, s => hal.Space(w, s));
            w.WriteEndObject();
        });
    }

    private static Task ListSpaceReportsAsync(HttpContext c, EmulatorContext e, Workspace.SpaceDefinition space)
    {
        if (!TryPaging(c, ReportsPerPage, ReportsPerPage, out var page, out var perPage, out var error)
            || !TryOrder(c, out var descending, out var byUpdated, out error))
        {
            return ApiResponses.BadRequestAsync(c, error!);
        }

        var reports = e.Workspace.Reports.Where(r => r.Space.Token == space.Token)
            .Select(r => (Report: r, Snap: r.Snapshot())).ToList();
        if (c.Request.Query.ContainsKey("order_by") || c.Request.Query.ContainsKey("order"))
        {
            Func<(ReportState Report, ReportSnapshot Snap), DateTimeOffset> key = byUpdated
                ? x => x.Snap.Latest?.UpdatedAt ?? x.Report.Definition.CreatedAt
                : x => x.Report.Definition.CreatedAt;
            reports = descending ? [.. reports.OrderByDescending(key).ThenBy(x => x.Report.Token, StringComparer.Ordinal)]
                : [.. reports.OrderBy(key).ThenBy(x => x.Report.Token, StringComparer.Ordinal)];
        }

        var pageItems = reports.Skip((page - 1) * perPage).Take(perPage).ToList();
        var more = page * perPage < reports.Count;
        var path = $"/api/{e.Ws}/collections/{space.Token}/reports";
        var hal = Hal(c, e);
        return ApiResponses.WriteAsync(c, 200, w =>
        {
            // Mode states no totals here (mode-sdk): only next/prev links, 30 reports a page.
            w.WriteStartObject();
            w.WriteStartObject("_links");
            w.WriteLink("self", PageHref(c, path, page, perPage));
            if (more || e.Switches.NextPageLinkPastEnd)
            {
                w.WriteLink("next_page", PageHref(c, path, page + 1, perPage));
            }

            if (page > 1)
            {
                w.WriteLink("prev_page", PageHref(c, path, page - 1, perPage));
            }

            w.WriteEndObject();
            w.WriteEmbedded("reports", pageItems, x => hal.Report(w, x.Report, x.Snap));
            w.WriteEndObject();
        });
    }

    private static Task ListRunsAsync(HttpContext c, EmulatorContext e, ReportState r)
    {
        var query = c.Request.Query;
        if (!TryPaging(c, RunsPerPageDefault, RunsPerPageMax, out var page, out var perPage, out var error)
            || !TryOrder(c, out var descending, out var byUpdated, out error))
        {
            return ApiResponses.BadRequestAsync(c, error!);
        }

        var snap = r.Snapshot();
        IEnumerable<RunState> runs = snap.Runs;
        var filter = query["filter"].ToString();
        if (filter.Length > 0)
        {
            if (e.Switches.RunFilterAnswers500)
            {
                return ApiResponses.ErrorAsync(c, 500, "internal_server_error", "Internal Server Error");
            }

            if (!TryParseFilter(filter, out var predicate, out error))
            {
                return ApiResponses.BadRequestAsync(c, error!);
            }

            runs = runs.Where(predicate!);
        }

        Func<RunState, DateTimeOffset> key = byUpdated ? x => x.UpdatedAt : x => x.CreatedAt;
        var ordered = (descending ? runs.OrderByDescending(key) : runs.OrderBy(key)).ThenBy(x => x.Token, StringComparer.Ordinal).ToList();
        var totalPages = (ordered.Count + perPage - 1) / perPage;
        var items = ordered.Skip((page - 1) * perPage).Take(perPage).ToList();
        var hal = Hal(c, e);
        var path = hal.ReportPath(r) + "/runs";
        return ApiResponses.WriteAsync(c, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("pagination");
            w.WriteNumber("page", page);
            w.WriteNumber("per_page", perPage);
            w.WriteNumber("count", items.Count);
            w.WriteNumber("total_pages", totalPages);
            w.WriteNumber("total_count", ordered.Count);
            w.WriteEndObject();
            w.WriteStartObject("_links");
            w.WriteLink("self", PageHref(c, path, page, perPage));
            if (page < totalPages || e.Switches.NextPageLinkPastEnd)
            {
                w.WriteLink("next_page", PageHref(c, path, page + 1, perPage));
            }

            if (page > 1)
            {
                w.WriteLink("prev_page", PageHref(c, path, page - 1, perPage));
            }

            w.WriteLink("report", hal.ReportPath(r));
            w.WriteEndObject();
            w.WriteEmbedded("report_runs", items, run => hal.Run(w, r, run, snap, inList: true));
            w.WriteEndObject();
        });
    }

    private static async Task CreateRunAsync(HttpContext c, EmulatorContext e, ReportState r)
    {
        Dictionary<string, JsonElement>? parameters = null;
        using var buffer = new MemoryStream();
        await c.Request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        if (bytes.Any(b => !char.IsWhiteSpace((char)b)))
        {
            // The one flat body in Mode's API: {"parameters":{...}}; an empty body means no parameters.
            try
            {
                using var body = JsonDocument.Parse(bytes);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    await ApiResponses.BadRequestAsync(c, "the body must be a JSON object such as {\"parameters\":{}}").ConfigureAwait(false);
                    return;
                }

                if (e.Switches.RejectUnknownRunFields
                    && body.RootElement.EnumerateObject().Select(x => x.Name).Where(n => n != "parameters").ToList() is [_, ..] extra)
                {
                    await ApiResponses.BadRequestAsync(c, $"unexpected field(s) {string.Join(", ", extra.Select(n => $"'{n}'"))}: the body is flat, {{\"parameters\":{{...}}}}").ConfigureAwait(false);
                    return;
                }

                if (body.RootElement.TryGetProperty("parameters", out var p) && p.ValueKind != JsonValueKind.Null)
                {
                    if (p.ValueKind != JsonValueKind.Object)
                    {
                        await ApiResponses.BadRequestAsync(c, "parameters must be a JSON object").ConfigureAwait(false);
                        return;
                    }

                    parameters = p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone(), StringComparer.Ordinal);
                    if (e.Switches.RejectUnknownRunFields && parameters.Keys.Where(n => !r.Parameters.Contains(n)).ToList() is [_, ..] unknown)
                    {
                        var known = r.Parameters.Definitions.Count == 0 ? "it has none" : "it has " + string.Join(", ", r.Parameters.Definitions.Select(d => d.Name));
                        await ApiResponses.BadRequestAsync(c, $"report {r.Token} has no parameter {string.Join(", ", unknown.Select(n => $"'{n}'"))} ({known})").ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (JsonException ex)
            {
                await ApiResponses.BadRequestAsync(c, $"the body is not valid JSON: {ex.Message}").ConfigureAwait(false);
                return;
            }
        }

        RunState run;
        try
        {
            run = e.Workspace.CreateRun(r, parameters, e.Switches);
        }
        catch (ArgumentException ex)
        {
            await ApiResponses.BadRequestAsync(c, ex.Message).ConfigureAwait(false);
            return;
        }

        var snap = r.Snapshot(holdBack: run); // POST answers 202 with the run enqueued, whatever the clock
        var hal = Hal(c, e);
        c.Response.Headers.Location = hal.RunPath(r, run);
        await ApiResponses.WriteAsync(c, StatusCodes.Status202Accepted, w => hal.Run(w, r, run, snap, inList: false)).ConfigureAwait(false);
    }

    private static Task StorageAsync(HttpContext c, EmulatorContext e, string ws, string report, string run, string queryRun, string file)
    {
        var path = c.Request.Path.Value ?? "";
        var expiresText = c.Request.Query["expires"].ToString();
        var signature = c.Request.Query["signature"].ToString();
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !string.Equals(e.Sign(path, expires), signature, StringComparison.Ordinal))
        {
            return ApiResponses.ErrorAsync(c, 403, "forbidden", "storage signature does not match");
        }

        if (expires < e.Workspace.Time.GetUtcNow().ToUnixTimeSeconds())
        {
            return ApiResponses.ErrorAsync(c, 403, "forbidden", "storage link expired");
        }

        var format = file switch
        {
            "content.csv" => ExportFormat.Csv,
            "content.json" => ExportFormat.Json,
            _ => (ExportFormat?)null,
        };
        if (format is null)
        {
            return ApiResponses.NotFoundAsync(c, "request path not recognized");
        }

        var request = new ExportRequest(ws, report, run == "latest" ? null : run, queryRun == "-" ? null : queryRun, format.Value);
        return Exports.ServeAsync(c, e, request, viaStorage: true);
    }

    private static bool TryPaging(HttpContext c, int defaultPerPage, int maxPerPage, out int page, out int perPage, out string? error)
    {
        page = 1;
        perPage = defaultPerPage;
        error = null;
        var pageText = c.Request.Query["page"].ToString();
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            error = $"page must be a positive integer; got '{pageText}'";
            return false;
        }

        var perPageText = c.Request.Query["per_page"].ToString();
        if (perPageText.Length > 0)
        {
            if (!int.TryParse(perPageText, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1)
            {
                error = $"per_page must be a positive integer; got '{perPageText}'";
                return false;
            }

            perPage = Math.Min(perPage, maxPerPage); // Mode clamps silently.
        }

        return true;
    }

    private static bool TryOrder(HttpContext c, out bool descending, out bool byUpdated, out string? error)
    {
        var order = c.Request.Query["order"].ToString();
        var orderBy = c.Request.Query["order_by"].ToString();
        descending = order != "asc";
        byUpdated = orderBy == "updated_at";
        error = order is "" or "asc" or "desc"
            ? orderBy is "" or "created_at" or "updated_at" ? null : $"order_by must be created_at or updated_at; got '{orderBy}'"
            : $"order must be asc or desc; got '{order}'";
        return error is null;
    }

    /// <summary>Parses <c>{created_at|updated_at}.{gt|lt}.{ISO 8601}</c>.</summary>
    private static bool TryParseFilter(string filter, out Func<RunState, bool>? predicate, out string? error)
    {
        predicate = null;
        error = $"filter must look like created_at.gt.2021-03-01T10:00:00Z; got '{filter}'";
        var parts = filter.Split('.', 3);
        if (parts.Length != 3 || parts[0] is not ("created_at" or "updated_at") || parts[1] is not ("gt" or "lt")
            || !DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            return false;
        }

        Func<RunState, DateTimeOffset> field = parts[0] == "created_at" ? r => r.CreatedAt : r => r.UpdatedAt;
        predicate = parts[1] == "gt" ? r => field(r) > when : r => field(r) < when;
        error = null;
        return true;
    }

    private static string PageHref(HttpContext c, string path, int page, int perPage)
    {
        var builder = new StringBuilder(path).Append("?page=").Append(page.ToString(CultureInfo.InvariantCulture))
            .Append("&per_page=").Append(perPage.ToString(CultureInfo.InvariantCulture));
        foreach (var key in new[] { "order", "order_by", "filter" })
        {
            if (c.Request.Query.TryGetValue(key, out var value) && value.ToString().Length > 0)
            {
                builder.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value.ToString()));
            }
        }

        return builder.ToString();
    }
}
