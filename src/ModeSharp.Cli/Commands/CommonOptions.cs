using System.CommandLine;
using ModeSharp.Runs;

namespace ModeSharp.Cli.Commands;

/// <summary>Options every API command shares, and the client they describe.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Workspace = new("--workspace", "-w")
    {
        Description = "The Mode workspace (the name in app.mode.com/<workspace>/…). Default: $MODE_WORKSPACE.",
        Recursive = true,
    };

    public static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "The Mode host. Default: $MODE_BASE_URL, else https://app.mode.com. Plain http only to a loopback address.",
        Recursive = true,
    };

    public static readonly Option<int?> Retries = new("--retries")
    {
        Description = "How many times to retry a read that failed with 408, 429, 5xx or a network error (default 4).",
        Recursive = true,
    };

    /// <summary>How long to wait for a run still in progress (export, schema and run commands).</summary>
    public static Option<double> Timeout() => new("--timeout")
    {
        Description = "Seconds to wait for a run still in progress before giving up (exit 5).",
        DefaultValueFactory = _ => 900,
    };

    public static RunWaitOptions WaitOptions(ParseResult parseResult, Option<double> timeout)
    {
        var seconds = parseResult.GetValue(timeout);
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            throw new CliException(ExitCodes.Usage, "--timeout must be a positive number of seconds.");
        }
        return new RunWaitOptions { Timeout = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>
    /// A client from the options and the environment. Credentials come only from MODE_TOKEN and MODE_SECRET:
    /// never from an argument, which would land in shell history and process listings.
    /// </summary>
    public static ModeClient CreateClient(ParseResult parseResult)
    {
        var token = Environment.GetEnvironmentVariable(ModeCredentials.TokenVariable);
        var secret = Environment.GetEnvironmentVariable(ModeCredentials.SecretVariable);
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(secret))
        {
            throw new CliException(ExitCodes.Authentication,
                "Mode credentials are missing: set MODE_TOKEN (the API token) and MODE_SECRET (its secret) in the environment.");
        }

        var workspace = parseResult.GetValue(Workspace) ?? Environment.GetEnvironmentVariable(ModeClientOptions.WorkspaceVariable);
        if (string.IsNullOrWhiteSpace(workspace))
        {
            throw new CliException(ExitCodes.Usage, "No workspace: pass --workspace NAME or set MODE_WORKSPACE.");
        }

        var options = new ModeClientOptions
        {
            Workspace = workspace.Trim(),
            // Trimmed: a secret pasted from a file often carries a line end, which would fail as a confusing 401.
            Credentials = new ModeCredentials(token.Trim(), secret.Trim()),
        };
        var baseUrl = parseResult.GetValue(BaseUrl) ?? Environment.GetEnvironmentVariable(ModeClientOptions.BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri))
            {
                throw new CliException(ExitCodes.Usage, $"'{baseUrl}' is not an absolute URL such as https://app.mode.com.");
            }
            options.BaseAddress = uri;
        }

        if (parseResult.GetValue(Retries) is { } retries)
        {
            if (retries < 0) throw new CliException(ExitCodes.Usage, "--retries cannot be negative.");
            options.Retry.MaxRetries = retries;
        }

        // An ArgumentException (e.g. plain http to a remote host) is a usage error: CommandAction maps it to exit 2.
        return new ModeClient(options);
    }
}
