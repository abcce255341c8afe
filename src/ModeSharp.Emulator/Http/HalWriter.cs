using System.Globalization;
using System.Text.Json;
using ModeSharp.Emulator.State;
using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.Http;

/// <summary>
/// Writes Mode's resource objects with the field and link names Mode uses (docs/emulator.md lists them).
/// Links are relative <c>/api/{ws}/…</c> paths, except web links (no <c>/api</c>) and a result document's
/// absolute <c>csv</c>/<c>json</c> links, as recorded from the real API.
/// </summary>
internal sealed class HalWriter(EmulatorContext emulator, bool idsAsStrings, string origin)
{
    private string Api => "/api/" + emulator.Ws;
    private string Web => "/" + emulator.Ws;

    public void Id(Utf8JsonWriter w, string name, long value)
    {
        if (idsAsStrings)
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNumber(name, value);
        }
    }

    public string ReportPath(ReportState r) => $"{Api}/reports/{r.Token}";

    public string RunPath(ReportState r, RunState run) => $"{ReportPath(r)}/runs/{run.Token}";

    public string QueryRunPath(ReportState r, RunState run, QueryRunState qr) => $"{RunPath(r, run)}/query_runs/{qr.Token}";

    public void Workspace(Utf8JsonWriter w)
    {
        var info = emulator.Workspace.Definition.Workspace;
        w.WriteStartObject();
        Id(w, "id", info.Id);
        w.WriteString("token", Tokens.Derive(emulator.Ws, "account"));
        w.WriteString("username", emulator.Ws);
        w.WriteString("name", info.Name);
        w.WriteBoolean("user", false);
        w.WriteString("plan_code", "business_2020");
        w.WriteString("trial_state", "none");
        w.WriteString("membership_type", "admin");
        w.WriteNumber("dataset_size_limit_mb", 1024);
        w.WriteNumber("query_run_size_limit_mb", 5000);
        w.WriteNumber("data_source_count", 1);
        w.WriteNumber("space_count", emulator.Workspace.Spaces.Count);
        w.WriteStartArray("authorized_domains");
        w.WriteEndArray();
        w.WriteTime("created_at", info.CreatedAt);
        w.WriteStartObject("settings");
        w.WriteEndObject();
        w.WriteStartObject("_links");
        w.WriteLink("self", Api);
        w.WriteLink("spaces", $"{Api}/spaces?filter=all");
        w.WriteLink("data_sources", $"{Api}/data_sources");
        w.WriteLink("web", "https://app.mode.com" + Web);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public void Space(Utf8JsonWriter w, SpaceDefinition s)
    {
        w.WriteStartObject();
        w.WriteString("token", s.Token);
        Id(w, "id", s.Id);
        w.WriteString("space_type", s.SpaceType);
        w.WriteString("name", s.Name);
        w.WriteString("description", s.Description);
        w.WriteString("state", "active");
        w.WriteBoolean("restricted", false);
        w.WriteBoolean("free_default", false);
        w.WriteBoolean("viewable?", true);
        w.WriteBoolean("viewed?", true);
        w.WriteString("default_access_level", "edit");
        w.WriteStartObject("_links");
        w.WriteLink("self", $"{Api}/collections/{s.Token}");
        w.WriteLink("reports", $"{Api}/collections/{s.Token}/reports");
        w.WriteLink("creator", $"{Api}/users/{emulator.Ws}");
        w.WriteLink("web", $"{Web}/spaces/{s.Token}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public void Report(Utf8JsonWriter w, ReportState r, ReportSnapshot snap)
    {
        var d = r.Definition;
        var lastSuccess = snap.LatestSuccessful;
        var edited = d.CreatedAt;
        w.WriteStartObject();
        w.WriteString("token", r.Token);
        Id(w, "id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteString("description", d.Description);
        w.WriteString("type", "Report");
        w.WriteTime("created_at", d.CreatedAt);
        w.WriteTime("updated_at", snap.Latest?.UpdatedAt ?? edited);
        w.WriteTime("published_at", d.CreatedAt);
        w.WriteTime("edited_at", edited);
        w.WriteTime("last_saved_at", edited);
        w.WriteTime("last_successful_sync_at", null);
        w.WriteNull("theme_id");
        w.WriteStartObject("color_mappings");
        w.WriteEndObject();
        w.WriteBoolean("archived", false);
        w.WriteString("space_token", r.Space.Token);
        Id(w, "account_id", emulator.Workspace.Definition.Workspace.Id);
        w.WriteString("account_username", emulator.Ws);
        w.WriteBoolean("public", false);
        w.WriteBoolean("full_width", false);
        w.WriteBoolean("manual_run_disabled", false);
        w.WriteBoolean("drill_anywhere_enabled", false);
        w.WriteBoolean("run_privately", false);
        w.WriteBoolean("drilldowns_enabled", false);
        w.WriteNull("layout");
        w.WriteBoolean("is_embedded", false);
        w.WriteBoolean("is_signed", false);
        w.WriteBoolean("shared", false);
        w.WriteStartArray("imported_datasets");
        w.WriteEndArray();
        w.WriteNumber("expected_runtime", 1.55649);
        w.WriteTime("last_successfully_run_at", lastSuccess?.CompletedAt);
        w.WriteTime("last_run_at", snap.Latest?.CreatedAt);
        w.WriteNull("web_preview_image");
        var omitPointer = emulator.Switches.ReportOmitsLastSuccessfulRun;
        if (omitPointer)
        {
            // Neither the token nor the link: a client must find the run by walking the run list.
        }
        else if (lastSuccess is null)
        {
            w.WriteNull("last_successful_run_token");
        }
        else
        {
            w.WriteString("last_successful_run_token", lastSuccess.Token);
        }

        w.WriteNull("github_link");
        w.WriteNumber("query_count", r.Queries.Count);
        w.WriteNumber("max_query_count", 160);
        w.WriteNumber("chart_count", 0);
        w.WriteNumber("runs_count", snap.Runs.Count);
        w.WriteNumber("schedules_count", 0);
        var preview = r.Queries[0].Sql.Raw;
        w.WriteString("query_preview", preview.Length > 150 ? preview[..150] : preview);
        w.WriteNumber("view_count", 42);
        w.WriteNull("thoughtspot_published_at");
        w.WriteStartObject("_links");
        var self = ReportPath(r);
        w.WriteLink("self", self);
        w.WriteLink("account", Api);
        w.WriteLink("creator", $"{Api}/users/{emulator.Ws}");
        w.WriteLink("space", $"{Api}/collections/{r.Space.Token}");
        w.WriteLink("queries", $"{self}/queries");
        w.WriteLink("report_runs", $"{self}/runs");
        w.WriteLink("report_run", $"{self}/runs/{{id}}?embed[result]=1", templated: true);
        w.WriteLink("report_schedules", $"{self}/schedules");
        w.WriteLink("csv_export", $"{self}/results/content.csv");
        if (snap.Latest is { } latest)
        {
            w.WriteLink("last_run", RunPath(r, latest));
        }

        if (lastSuccess is not null && !omitPointer)
        {
            w.WriteLink("last_successful_run", RunPath(r, lastSuccess));
        }

        w.WriteLink("web", $"https://app.mode.com{Web}/reports/{r.Token}");
        w.WriteLink("web_edit", $"{Web}/editor/{r.Token}");
        w.WriteLink("web_report_runs", $"{Web}/reports/{r.Token}/runs");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public void Run(Utf8JsonWriter w, ReportState r, RunState run, ReportSnapshot snap, bool inList)
    {
        w.WriteStartObject();
        w.WriteString("token", run.Token);
        w.WriteString("state", run.State);
        w.WriteStartObject("parameters");
        foreach (var (name, value) in run.Parameters)
        {
            WriteValue(w, name, value);
        }

        w.WriteEndObject();
        w.WriteString("python_state", "none");
        w.WriteTime("created_at", run.CreatedAt);
        w.WriteTime("updated_at", run.UpdatedAt);
        w.WriteTime("completed_at", run.CompletedAt);
        w.WriteTime("purge_started_at", run.Purged ? run.CompletedAt : null);
        w.WriteTime("purge_completed_at", run.Purged ? run.CompletedAt : null);
        w.WriteStartArray("form_fields");
        w.WriteEndArray();
        w.WriteBoolean("is_latest_report_run", ReferenceEquals(run, snap.Latest));
        w.WriteBoolean("is_latest_successful_report_run", ReferenceEquals(run, snap.LatestSuccessful));
        w.WriteBoolean("report_has_failures_since_last_success", snap.HasFailuresSinceLastSuccess);
        w.WriteBoolean("has_more_recent_successful_run_available",
            snap.LatestSuccessful is { } ls && ls.CreatedAt > run.CreatedAt);
        w.WriteString("pusher_channel_name", $"report-run-{run.Token}");
        w.WriteStartObject("_links");
        var self = RunPath(r, run);
        w.WriteLink("self", self);
        w.WriteLink("report", ReportPath(r));
        w.WriteLink("account", Api);
        w.WriteLink("query_runs", $"{self}/query_runs");
        w.WriteLink("content", $"{self}/results/content.csv");
        w.WriteLink("clone", $"{self}/clone");
        w.WriteLink("pdf_export", $"{ReportPath(r)}/exports/runs/{run.Token}/pdf");
        w.WriteLink("executed_by", $"{Api}/users/{emulator.Ws}");
        if (snap.LatestSuccessful is { } success)
        {
            w.WriteLink("latest_successful_report_run_api_url", RunPath(r, success));
        }

        w.WriteLink("preview", $"{Web}/reports/{r.Token}/runs/{run.Token}/preview");
        w.WriteLink("share", $"{Web}/reports/{r.Token}/runs/{run.Token}/share");
        w.WriteLink("web", $"https://app.mode.com{Web}/reports/{r.Token}/runs/{run.Token}");
        w.WriteLink("web_clone", $"{Web}/reports/{r.Token}/runs/{run.Token}/clone");
        w.WriteEndObject();
        if (inList)
        {
            // Mode embeds an empty query_runs list in run listings; callers must ask …/query_runs.
            w.WriteEmbedded("query_runs", Array.Empty<QueryRunState>(), _ => { });
        }

        w.WriteEndObject();
    }

    public void QueryRun(Utf8JsonWriter w, ReportState r, RunState run, QueryRunState qr)
    {
        var state = run.IsFinished ? qr.State : RunStates.Enqueued;
        w.WriteStartObject();
        Id(w, "id", qr.Id);
        w.WriteString("token", qr.Token);
        w.WriteString("raw_source", qr.Sql.Raw);
        w.WriteString("rendered_source", qr.Sql.Render(run.Parameters));
        w.WriteNull("statement_annotation");
        w.WriteString("state", state);
        w.WriteTime("created_at", run.CreatedAt);
        w.WriteTime("completed_at", run.CompletedAt);
        Id(w, "data_source_id", emulator.Workspace.Definition.DataSource.Id);
        w.WriteString("data_source_token", emulator.Workspace.Definition.DataSource.Token);
        w.WriteBoolean("limit", false);
        w.WriteString("query_token", qr.Query.Token);
        w.WriteString("query_name", qr.Query.Name);
        w.WriteTime("query_created_at", qr.Query.CreatedAt);
        w.WriteNull("dbt_metric_id");
        w.WriteNull("dbt_metric_token");
        w.WriteStartObject("parameters");
        foreach (var name in qr.Sql.ParameterNames)
        {
            if (run.Parameters.TryGetValue(name, out var value))
            {
                WriteValue(w, name, value);
            }
        }

        w.WriteEndObject();
        w.WriteNumber("max_result_bytes", 5_000_000_000);
        w.WriteString("help_url", ApiResponses.HelpHref);
        if (state == RunStates.Failed)
        {
            w.WriteString("error_code", qr.ErrorCode);
            w.WriteString("error_type", "generic");
            w.WriteString("error_message", qr.ErrorMessage);
        }
        else
        {
            w.WriteNull("error_code");
            w.WriteNull("error_type");
            w.WriteNull("error_message");
        }

        var self = QueryRunPath(r, run, qr);
        w.WriteStartObject("_links");
        w.WriteLink("self", self);
        w.WriteLink("report_run", RunPath(r, run));
        w.WriteLink("query", $"{ReportPath(r)}/queries/{qr.Query.Token}");
        w.WriteLink("result", $"{self}/results");
        w.WriteLink("executed_by", $"{Api}/users/{emulator.Ws}");
        w.WriteLink("report_run_web", $"{Web}/reports/{r.Token}/runs/{run.Token}");
        w.WriteLink("query_web", $"{Web}/editor/{r.Token}/queries/{qr.Query.Token}");
        w.WriteLink("result_web", $"{Web}/reports/{r.Token}/runs/{run.Token}/query_runs/{qr.Token}/results");
        w.WriteLink("view", $"{Web}/reports/{r.Token}/runs/{run.Token}/query_runs/{qr.Token}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The result document of a query run: relative self, absolute csv and json links.</summary>
    public void Result(Utf8JsonWriter w, ReportState r, RunState run, QueryRunState qr)
    {
        var self = QueryRunPath(r, run, qr) + "/results";
        w.WriteStartObject();
        w.WriteString("state", run.IsFinished ? qr.State : RunStates.Enqueued);
        w.WriteStartObject("_links");
        w.WriteLink("self", self);
        w.WriteLink("csv", origin + self + "/content.csv");
        w.WriteLink("json", origin + self + "/content.json");
        w.WriteEndObject();
        w.WriteStartObject("_forms");
        w.WriteStartObject("clone");
        w.WriteString("method", "post");
        w.WriteString("action", $"{Web}/reports/{r.Token}/runs/{run.Token}/query_runs/{qr.Token}/results/clone");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public void Query(Utf8JsonWriter w, ReportState r, QueryState q, ReportSnapshot snap)
    {
        var self = $"{ReportPath(r)}/queries/{q.Token}";
        w.WriteStartObject();
        Id(w, "id", q.Id);
        w.WriteString("token", q.Token);
        w.WriteString("name", q.Name);
        w.WriteString("raw_query", q.Sql.Raw);
        w.WriteTime("created_at", q.CreatedAt);
        w.WriteTime("updated_at", q.CreatedAt);
        var lastQueryRun = snap.Latest?.QueryRuns.FirstOrDefault(x => ReferenceEquals(x.Query, q));
        if (lastQueryRun is null)
        {
            w.WriteNull("last_run_id");
        }
        else
        {
            Id(w, "last_run_id", lastQueryRun.Id);
        }

        Id(w, "data_source_id", emulator.Workspace.Definition.DataSource.Id);
        w.WriteNumber("explorations_count", 0);
        w.WriteNumber("report_imports_count", 0);
        w.WriteNull("dbt_metric_id");
        w.WriteString("mapping_id", q.Token);
        w.WriteStartObject("_links");
        w.WriteLink("self", self);
        w.WriteLink("report", ReportPath(r));
        w.WriteLink("report_runs", $"{ReportPath(r)}/runs");
        w.WriteLink("query_runs", $"{self}/runs");
        w.WriteLink("charts", $"{self}/charts");
        w.WriteLink("creator", $"{Api}/users/{emulator.Ws}");
        w.WriteLink("web", $"{Web}/editor/{r.Token}/queries/{q.Token}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case long l:
                w.WriteNumber(name, l);
                break;
            case double d:
                w.WriteNumber(name, d);
                break;
            default:
                w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
