namespace ModeSharp.Cli;

/// <summary>A failure the CLI itself diagnosed, with the exit code it maps to.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
