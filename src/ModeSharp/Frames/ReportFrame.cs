using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using ModeSharp.Api;
using ModeSharp.Results;

namespace ModeSharp.Frames;

/// <summary>
/// One query's results as a typed frame, with where they came from: the report, the run (token, state, times,
/// parameters) and the query run; plus the column specification and any problems found in the CSV.
/// </summary>
public sealed class ReportFrame
{
    internal ReportFrame(string reportToken, ReportRun run, QueryRun queryRun, CsvFrameResult result)
    {
        ReportToken = reportToken;
        Run = run;
        QueryRun = queryRun;
        Frame = result.Frame;
        Specification = result.Specification;
        Problems = result.Problems;
    }

    /// <summary>The report's token.</summary>
    public string ReportToken { get; }

    /// <summary>The run the data came from: <see cref="ReportRun.Token"/>, <see cref="ReportRun.State"/>, created and completed times, parameters.</summary>
    public ReportRun Run { get; }

    /// <summary>The query run the data came from (its <see cref="QueryRun.QueryName"/> names the query).</summary>
    public QueryRun QueryRun { get; }

    /// <summary>The query's name, or its token when Mode gave no name.</summary>
    public string QueryName => QueryRun.QueryName ?? QueryRun.QueryToken ?? QueryRun.Token ?? "";

    /// <summary>The data, one typed column per CSV column.</summary>
    public DataFrame Frame { get; }

    /// <summary>Rows, columns and each column's type (<c>boolean integer double decimal date timestamp text</c>), and renamed headers.</summary>
    public CsvColumnSpecification Specification { get; }

    /// <summary>Rows that did not fit (short rows, values that failed a type override), with row, column and raw value.</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Where the data came from, then the column specification and problems.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Report {ReportToken}, run {Run.Token} ({Run.State.Value}");
        if (Run.CreatedAt is { } created) text.Append(CultureInfo.InvariantCulture, $", created {created.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        if (Run.CompletedAt is { } completed) text.Append(CultureInfo.InvariantCulture, $", completed {completed.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        text.Append(CultureInfo.InvariantCulture, $"), query \"{QueryName}\"").AppendLine();
        if (Run.Parameters.Count > 0)
        {
            text.Append("Parameters: ").AppendJoin(", ", Run.Parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}")).AppendLine();
        }
        text.Append(Specification.Format());
        foreach (var problem in Problems.Take(20))
        {
            text.AppendLine().Append("problem: ").Append(problem);
        }
        if (Problems.Count > 20)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"… and {Problems.Count - 20} more problems");
        }
        return text.ToString();
    }
}
