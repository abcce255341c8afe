namespace ModeSharp.Cli;

/// <summary>The process exit codes of <c>modesharp</c>; documented in the README and in <c>--help</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 2;
    public const int Authentication = 3;
    public const int NotFound = 4;
    public const int RunFailed = 5;
    public const int Network = 6;
    public const int MalformedData = 7;

    public const string HelpText =
        "Exit codes: 0 success; 2 usage; 3 authentication or permission (401/403, or MODE_TOKEN/MODE_SECRET unset); " +
        "4 not found; 5 the run failed, was cancelled, is still in progress without --wait, timed out, or never succeeded; " +
        "6 network or server failure after retries (including a cut-off download); " +
        "7 malformed result data (or values that did not fit --type, unless --allow-problems); 130 interrupted.";
}
