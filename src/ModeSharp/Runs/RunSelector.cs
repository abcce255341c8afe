namespace ModeSharp.Runs;

/// <summary>How a run was chosen.</summary>
public enum RunSelectorKind
{
    /// <summary>The newest run that succeeded.</summary>
    LatestSuccessful,

    /// <summary>The newest run, which must have succeeded (the seed's rule).</summary>
    Latest,

    /// <summary>A run named by its token.</summary>
    Token,
}

/// <summary>
/// Which run of a report to use: <see cref="LatestSuccessful"/>, <see cref="Latest"/> (optionally waiting for a newest
/// run still in progress) or a run token. Parse one from text with <see cref="Parse"/>.
/// </summary>
public sealed record RunSelector
{
    private RunSelector(RunSelectorKind kind, string? runToken, bool waitIfInProgress)
    {
        Kind = kind;
        RunToken = runToken;
        WaitIfInProgress = waitIfInProgress;
    }

    /// <summary>The rule.</summary>
    public RunSelectorKind Kind { get; }

    /// <summary>The run token for <see cref="RunSelectorKind.Token"/>.</summary>
    public string? RunToken { get; }

    /// <summary>Wait for a run still in progress instead of failing.</summary>
    public bool WaitIfInProgress { get; }

    /// <summary>The newest successful run: the report's <c>last_successful_run_token</c>, else found by walking the runs.</summary>
    public static RunSelector LatestSuccessful { get; } = new(RunSelectorKind.LatestSuccessful, null, false);

    /// <summary>The newest run. Fails if it failed; if it is in progress, fails or (with <paramref name="waitIfInProgress"/>) waits for it.</summary>
    public static RunSelector Latest(bool waitIfInProgress = false) => new(RunSelectorKind.Latest, null, waitIfInProgress);

    /// <summary>A specific run. Fails if it failed; if it is in progress, fails or (with <paramref name="waitIfInProgress"/>) waits for it.</summary>
    public static RunSelector ByToken(string runToken, bool waitIfInProgress = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runToken);
        return new(RunSelectorKind.Token, runToken.Trim(), waitIfInProgress);
    }

    /// <summary>
    /// Reads <c>latest-successful</c> (also <c>last-successful</c>), <c>latest</c>, or a run token, for command lines and configuration.
    /// </summary>
    public static RunSelector Parse(string text, bool waitIfInProgress = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var value = text.Trim();
        if (value.Equals("latest-successful", StringComparison.OrdinalIgnoreCase) || value.Equals("last-successful", StringComparison.OrdinalIgnoreCase)
            || value.Equals("latest_successful", StringComparison.OrdinalIgnoreCase))
        {
            return LatestSuccessful;
        }

        return value.Equals("latest", StringComparison.OrdinalIgnoreCase) ? Latest(waitIfInProgress) : ByToken(value, waitIfInProgress);
    }

    /// <summary>The selector as text (<see cref="Parse"/> reads it back).</summary>
    public override string ToString() => Kind switch
    {
        RunSelectorKind.LatestSuccessful => "latest-successful",
        RunSelectorKind.Latest => "latest",
        _ => RunToken!,
    };
}
