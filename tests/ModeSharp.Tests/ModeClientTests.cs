namespace ModeSharp.Tests;

public class ModeClientTests
{
    private static readonly ModeCredentials Credentials = new("tok", "the-secret-value");

    [Fact]
    public void Credentials_over_plain_http_to_a_remote_host_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModeClient(new ModeClientOptions
        {
            BaseAddress = new Uri("http://app.mode.com/"),
            Workspace = "ws",
            Credentials = Credentials,
        }));

        Assert.Contains("plain HTTP", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://proxy.example.com/mode/")]
    [InlineData("http://127.0.0.1:5080/prefix")]
    [InlineData("https://app.mode.com/?x=1")]
    public void A_base_address_with_a_path_is_refused_rather_than_silently_dropped(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModeClient(new ModeClientOptions { BaseAddress = new Uri(address), Workspace = "ws", Credentials = Credentials }));

        Assert.Contains("has a path", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://[::1]:5080/")]
    [InlineData("https://app.mode.com/")]
    [InlineData("https://modeanalytics.com/")]
    public void Https_anywhere_and_plain_http_to_loopback_are_accepted(string address)
    {
        var client = new ModeClient(new ModeClientOptions { BaseAddress = new Uri(address), Workspace = "ws", Credentials = Credentials });

        Assert.Equal(new Uri(address), client.BaseAddress);
    }

    [Fact]
    public void ToString_of_credentials_and_client_shows_the_token_and_never_the_secret()
    {
        var client = new ModeClient("ws", Credentials);

        Assert.DoesNotContain("the-secret-value", Credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("tok", Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret-value", client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_from_the_environment_read_the_four_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["MODE_TOKEN"] = "tok",
            ["MODE_SECRET"] = "sec",
            ["MODE_WORKSPACE"] = "acme",
            ["MODE_BASE_URL"] = "http://127.0.0.1:5080",
        };

        var options = ModeClientOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal("acme", options.Workspace);
        Assert.Equal("tok", options.Credentials!.Token);
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), options.BaseAddress);
    }

    [Fact]
    public void A_missing_environment_variable_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ModeClientOptions.FromEnvironment(name => name == "MODE_TOKEN" ? "tok" : null));

        Assert.Contains("MODE_SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_options_after_creating_a_client_does_not_change_the_client()
    {
        var options = new ModeClientOptions { Workspace = "one", Credentials = Credentials };
        var client = new ModeClient(options);

        options.Workspace = "two";

        Assert.Equal("one", client.WorkspaceName);
    }

    [Fact]
    public void A_missing_workspace_or_credentials_is_a_clear_error()
    {
        Assert.Contains("Workspace", Assert.Throws<ArgumentException>(() => new ModeClient(new ModeClientOptions { Credentials = Credentials })).Message, StringComparison.Ordinal);
        Assert.Contains("MODE_TOKEN", Assert.Throws<ArgumentException>(() => new ModeClient(new ModeClientOptions { Workspace = "ws" })).Message, StringComparison.Ordinal);
    }
}
