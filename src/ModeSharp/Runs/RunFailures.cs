using System.Globalization;
using System.Text;
using ModeSharp.Api;

namespace ModeSharp.Runs;

/// <summary>Builds <see cref="ModeRunException"/>s that name the report, run, state, start time and the queries' errors.</summary>
internal static class RunFailures
{
    public static async Task<ModeRunException> FailedAsync(QueryRunsClient queryRuns, string reportToken, ReportRun run, string what, CancellationToken cancellationToken)
    {
        var runToken = run.Token ?? "?";
        List<QueryRunError> errors = [];
        try
        {
            // The reason a run failed lives on its query runs, not on the run itself.
            var all = await queryRuns.ListAsync(reportToken, runToken, cancellationToken).ConfigureAwait(false);
            errors = all
                .Where(q => q.State.IsFailure || !string.IsNullOrEmpty(q.ErrorMessage))
                .Select(q => new QueryRunError(q.QueryName, q.Token, q.State, q.ErrorMessage, q.ErrorCode))
                .ToList();
        }
        catch (ModeApiException)
        {
            // The failure itself is what matters; missing details must not hide it.
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{what} '{runToken}' of report '{reportToken}' ended in state '{run.State}'{Started(run)}.");
        if (errors.Count == 0)
        {
            message.Append(" Mode gave no error message for its queries.");
        }

        foreach (var error in errors)
        {
            message.Append(CultureInfo.InvariantCulture, $" Query '{error.QueryName ?? "?"}' (query run {error.QueryRunToken ?? "?"}, {error.State}): {error.ErrorMessage ?? "no message"}.");
        }

        message.Append(run.State == RunState.Cancelled
            ? " It was cancelled, in Mode or by someone's request: run the report again, or use the latest successful run."
            : " Fix the query or parameters and run the report again, or use the latest successful run.");
        return new ModeRunException(message.ToString(), RunProblem.Failed, run.State)
        {
            ReportToken = reportToken,
            RunToken = run.Token,
            StartedAt = run.CreatedAt,
            QueryErrors = errors,
        };
    }

    public static ModeRunException InProgress(string reportToken, ReportRun run, string what) =>
        new($"{what} '{run.Token}' of report '{reportToken}' is still in progress (state '{run.State}'{Started(run)}). Wait for it (RunSelector's waitIfInProgress, or --wait on the command line) or use the latest successful run.",
            RunProblem.InProgress, run.State)
        { ReportToken = reportToken, RunToken = run.Token, StartedAt = run.CreatedAt };

    public static ModeRunException TimedOut(string reportToken, ReportRun run, TimeSpan waited) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Run '{run.Token}' of report '{reportToken}'{Started(run, " (started ", ")")} was still '{run.State}' after waiting {waited.TotalSeconds:0.#} s. It may still finish: wait longer (RunWaitOptions.Timeout) or check it in Mode."),
            RunProblem.WaitTimedOut, run.State)
        { ReportToken = reportToken, RunToken = run.Token, StartedAt = run.CreatedAt };

    public static ModeRunException NoSuccessfulRun(string reportToken, int runsChecked, ReportRun? newest) =>
        new(runsChecked == 0
                ? $"Report '{reportToken}' has no runs yet. Run it in Mode (or with Runs.CreateAsync) first."
                : string.Create(CultureInfo.InvariantCulture, $"Report '{reportToken}' has no successful run: all {runsChecked} runs failed, were cancelled or are in progress (newest: '{newest?.Token}', state '{newest?.State}'{(newest is null ? "" : Started(newest))})."),
            RunProblem.NoSuccessfulRun, newest?.State ?? default)
        { ReportToken = reportToken, RunToken = newest?.Token, StartedAt = newest?.CreatedAt };

    private static string Started(ReportRun run, string before = ", started ", string after = "") =>
        run.CreatedAt is { } at ? before + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + after : "";
}
