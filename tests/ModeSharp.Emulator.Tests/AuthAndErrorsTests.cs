using System.Net;

namespace ModeSharp.Emulator.Tests;

public class AuthAndErrorsTests
{
    [Fact]
    public async Task Missing_credentials_get_401_with_Modes_error_body()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator, authenticated: false);
        var body = await http.GetJsonAsync($"api/{Api.Ws}/reports/{SampleWorkspace.LegoReport}", HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", body.Str("id"));
        Assert.False(string.IsNullOrEmpty(body.Str("message")));
        Assert.Equal("https://mode.com/help", body.Href("help"));
    }

    [Fact]
    public async Task Wrong_secret_gets_401_and_the_right_one_200()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator, authenticated: false);
        http.DefaultRequestHeaders.Authorization = Api.Basic(emulator.Token, "wrong-secret");
        await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = Api.Basic(emulator.Token, emulator.Secret);
        var workspace = await http.GetJsonAsync($"api/{Api.Ws}");
        Assert.Equal(Api.Ws, workspace.Str("username"));
    }

    [Fact]
    public async Task Credentials_come_from_options()
    {
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { Token = "tok", Secret = "sec" });
        Assert.Equal("tok", emulator.Token);
        Assert.Equal("sec", emulator.Secret);
        using var http = Api.Client(emulator, authenticated: false);
        http.DefaultRequestHeaders.Authorization = Api.Basic("sample-token", "sample-secret");
        await http.GetJsonAsync($"api/{Api.Ws}", HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = Api.Basic("tok", "sec");
        await http.GetJsonAsync($"api/{Api.Ws}");
    }

    [Theory]
    [InlineData("api/nosuchworkspace/reports/eb4fdefe37d8", "account not found")]
    [InlineData("api/nosuchworkspace", "account not found")]
    [InlineData("api/modeanalytics/reports/000000000000", "report not found")]
    [InlineData("api/modeanalytics/reports/eb4fdefe37d8/runs/000000000000", "report run not found")]
    [InlineData("api/modeanalytics/reports/eb4fdefe37d8/runs/000000000000/results/content.csv", "report run not found")]
    [InlineData("api/modeanalytics/reports/eb4fdefe37d8/runs/x/results/content.csv.gz", "request path not recognized")]
    [InlineData("api/modeanalytics/publish", "request path not recognized")]
    public async Task Unknown_things_get_404_with_Modes_messages(string path, string message)
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var body = await http.GetJsonAsync(path, HttpStatusCode.NotFound);
        Assert.Equal("not_found", body.Str("id"));
        Assert.Equal(message, body.Str("message"));
        Assert.Equal("https://mode.com/help", body.Href("help"));
    }

    [Fact]
    public async Task Account_endpoint_refuses_api_keys_with_400()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator);
        var body = await http.GetJsonAsync("api/account", HttpStatusCode.BadRequest);
        Assert.Equal("bad_request", body.Str("id"));
        Assert.Equal("This endpoint is unsupported for use with Api Keys", body.Str("message"));
    }

    [Fact]
    public async Task Admin_switch_endpoint_needs_credentials()
    {
        await using var emulator = await ModeEmulator.StartAsync();
        using var http = Api.Client(emulator, authenticated: false);
        using var response = await http.GetAsync("_emulator/switches");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
