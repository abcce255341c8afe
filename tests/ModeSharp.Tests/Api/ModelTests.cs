using System.Text.Json;
using ModeSharp.Api;
using ModeSharp.Api.Json;

namespace ModeSharp.Tests.Api;

public class ModelTests
{
    [Fact]
    public void Ids_arrive_as_numbers_or_strings_and_are_read_as_text()
    {
        var asNumber = JsonSerializer.Deserialize("""{"token":"r1","id":2934237}""", ModeJsonContext.Default.Report)!;
        var asString = JsonSerializer.Deserialize("""{"token":"r1","id":"2000002"}""", ModeJsonContext.Default.Report)!;

        Assert.Equal("2934237", asNumber.Id);
        Assert.Equal("2000002", asString.Id);
    }

    [Fact]
    public void Unknown_fields_are_kept_not_dropped()
    {
        var run = JsonSerializer.Deserialize("""{"token":"a1","state":"succeeded","flamingo_signature":"x","pusher_channel_name":"c"}""", ModeJsonContext.Default.ReportRun)!;

        Assert.Equal("x", run.AdditionalProperties!["flamingo_signature"].GetString());
        Assert.True(run.AdditionalProperties.ContainsKey("pusher_channel_name"));
    }

    [Fact]
    public void Only_the_token_is_needed_everything_else_may_be_missing()
    {
        var run = JsonSerializer.Deserialize("""{"token":"a1"}""", ModeJsonContext.Default.ReportRun)!;

        Assert.Equal("a1", run.Token);
        Assert.True(run.State.IsInProgress);
        Assert.Equal("unknown", run.State.Value);
        Assert.Null(run.CreatedAt);
        Assert.Empty(run.Links);
        Assert.Empty(run.Parameters);
    }

    [Fact]
    public void An_unknown_state_is_kept_and_counts_as_in_progress()
    {
        var run = JsonSerializer.Deserialize("""{"token":"a1","state":"warming_up"}""", ModeJsonContext.Default.ReportRun)!;

        Assert.Equal("warming_up", run.State.Value);
        Assert.True(run.State.IsInProgress);
        Assert.False(run.State.IsKnown);
    }

    [Fact]
    public void Question_mark_keys_of_spaces_are_mapped()
    {
        var space = JsonSerializer.Deserialize("""{"token":"s1","viewable?":true,"viewed?":false,"space_type":"custom"}""", ModeJsonContext.Default.Space)!;

        Assert.True(space.Viewable);
        Assert.False(space.Viewed);
    }

    [Fact]
    public void Flags_documented_as_strings_are_read_from_strings_or_booleans()
    {
        var a = JsonSerializer.Deserialize("""{"token":"a","is_latest_report_run":"true","is_latest_successful_report_run":false}""", ModeJsonContext.Default.ReportRun)!;

        Assert.True(a.IsLatestReportRun);
        Assert.False(a.IsLatestSuccessfulReportRun);
    }

    [Theory]
    [InlineData("2021-12-10T20:55:24.316Z")]
    [InlineData("2025-02-18T10:47:37.000000Z")]
    [InlineData("2021-12-10T20:55:24+0000")]
    public void Timestamps_in_every_seen_spelling_are_read(string text)
    {
        var run = JsonSerializer.Deserialize($$"""{"token":"a","created_at":"{{text}}"}""", ModeJsonContext.Default.ReportRun)!;

        Assert.NotNull(run.CreatedAt);
        Assert.Equal(TimeSpan.Zero, run.CreatedAt!.Value.Offset);
    }

    [Fact]
    public void A_garbled_field_becomes_null_instead_of_failing_the_document()
    {
        var queryRun = JsonSerializer.Deserialize("""{"token":"q","limit":false,"max_result_bytes":"5000000000","created_at":"yesterday","error_code":{"k":1}}""", ModeJsonContext.Default.QueryRun)!;

        Assert.Equal(5_000_000_000, queryRun.MaxResultBytes);
        Assert.Null(queryRun.CreatedAt);
        Assert.Equal("""{"k":1}""", queryRun.ErrorCode);
        Assert.True(queryRun.AdditionalProperties!.ContainsKey("limit"));
    }

    [Fact]
    public void Hal_links_accept_objects_strings_arrays_and_templates()
    {
        var report = JsonSerializer.Deserialize("""
            {"token":"r","_links":{
              "self":{"href":"/api/ws/reports/r"},
              "web":"https://app.mode.com/ws/reports/r",
              "many":[{"href":"/first"},{"href":"/second"}],
              "report_run":{"templated":true,"href":"/api/ws/reports/r/runs/{id}?embed[result]=1"},
              "broken":{"nohref":true}}}
            """, ModeJsonContext.Default.Report)!;

        Assert.Equal("/api/ws/reports/r", report.GetLink("self"));
        Assert.Equal("https://app.mode.com/ws/reports/r", report.GetLink("web"));
        Assert.Equal("/first", report.GetLink("many"));
        Assert.True(report.Links["report_run"].Templated);
        Assert.Null(report.GetLink("broken"));
    }

    [Fact]
    public void Run_parameters_keep_their_json_values()
    {
        var run = JsonSerializer.Deserialize("""{"token":"a","parameters":{"year":2005,"names":["a","b"]}}""", ModeJsonContext.Default.ReportRun)!;

        Assert.Equal(2005, run.Parameters["year"].GetInt32());
        Assert.Equal(2, run.Parameters["names"].GetArrayLength());
    }
}
