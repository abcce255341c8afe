using System.Net.Http.Headers;
using System.Text;

namespace ModeSharp;

/// <summary>
/// A Mode API token and its secret. Mode uses them as the user name and password of HTTP Basic
/// authentication. The secret is never shown: <see cref="ToString"/> masks it, and the client never
/// writes it to a log, an exception or a URL.
/// </summary>
public sealed class ModeCredentials
{
    /// <summary>Name of the environment variable holding the API token.</summary>
    public const string TokenVariable = "MODE_TOKEN";

    /// <summary>Name of the environment variable holding the API secret.</summary>
    public const string SecretVariable = "MODE_SECRET";

    private readonly string _secret;

    /// <summary>Creates credentials from a Mode API token (the Basic-auth user name) and its secret (the password).</summary>
    /// <exception cref="ArgumentException">The token or secret is empty.</exception>
    public ModeCredentials(string token, string secret)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The Mode API token is empty. Set MODE_TOKEN or pass the token of an API key.", nameof(token));
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("The Mode API secret is empty. Set MODE_SECRET or pass the secret shown when the API key was created.", nameof(secret));
        }

        Token = token.Trim();
        _secret = secret;
    }

    /// <summary>The API token (access key). Not secret on its own; it names the key in errors and logs.</summary>
    public string Token { get; }

    /// <summary>Reads <c>MODE_TOKEN</c> and <c>MODE_SECRET</c> from the environment.</summary>
    /// <exception cref="InvalidOperationException">Either variable is missing or empty.</exception>
    public static ModeCredentials FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    internal static ModeCredentials FromEnvironment(Func<string, string?> getVariable)
    {
        var token = getVariable(TokenVariable);
        var secret = getVariable(SecretVariable);
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrEmpty(secret))
        {
            var missing = string.IsNullOrWhiteSpace(token)
                ? (string.IsNullOrEmpty(secret) ? "MODE_TOKEN and MODE_SECRET are" : "MODE_TOKEN is")
                : "MODE_SECRET is";
            throw new InvalidOperationException(
                $"{missing} not set. Create an API key in Mode (Workspace Settings > API keys) and set MODE_TOKEN to its token and MODE_SECRET to its secret.");
        }

        return new ModeCredentials(token, secret);
    }

    /// <summary>The Basic <c>Authorization</c> header value. Internal so the secret has one way out: the wire.</summary>
    internal AuthenticationHeaderValue ToAuthorizationHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Token + ":" + _secret)));

    /// <summary>Every form in which the secret could leak (raw and inside the Basic header), for redaction.</summary>
    internal IEnumerable<string> SecretForms()
    {
        yield return _secret;
        yield return ToAuthorizationHeader().Parameter!;
    }

    /// <summary>Shows the token and masks the secret.</summary>
    public override string ToString() => $"ModeCredentials(Token={Token}, Secret=***)";
}
