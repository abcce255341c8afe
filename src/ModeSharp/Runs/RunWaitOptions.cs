namespace ModeSharp.Runs;

/// <summary>How to poll a run until it finishes: growing, jittered delays and an overall deadline.</summary>
public sealed class RunWaitOptions
{
    /// <summary>Delay before the second check. Default 0.5 seconds.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Each delay is the previous one times this. Default 1.5.</summary>
    public double Multiplier { get; set; } = 1.5;

    /// <summary>Longest delay between checks. Default 15 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Random spread applied to each delay, as a fraction (0.2 = ±20 %), so many waiters do not poll in step.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Overall deadline for the wait. Default 15 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    internal RunWaitOptions Clone() => (RunWaitOptions)MemberwiseClone();
}

/// <summary>A report of a run's progress while waiting for it.</summary>
/// <param name="ReportToken">The report.</param>
/// <param name="RunToken">The run.</param>
/// <param name="State">The state just read.</param>
/// <param name="Elapsed">Time since the wait began.</param>
/// <param name="Checks">How many times the run has been read.</param>
/// <param name="NextCheckIn">Delay before the next check, or <see langword="null"/> when the run has finished.</param>
public sealed record RunProgress(string ReportToken, string RunToken, Api.RunState State, TimeSpan Elapsed, int Checks, TimeSpan? NextCheckIn);
