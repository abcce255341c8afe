using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace ModeSharp.Results;

/// <summary>A results CSV read into a typed frame, with what the reader decided and what did not fit.</summary>
public sealed class CsvFrameResult
{
    internal CsvFrameResult(DataFrame frame, CsvColumnSpecification specification, IReadOnlyList<CsvProblem> problems)
    {
        Frame = frame;
        Specification = specification;
        Problems = problems;
    }

    /// <summary>The data, one typed column per CSV column, nulls as nulls.</summary>
    public DataFrame Frame { get; }

    /// <summary>Rows, columns, each column's type, renamed headers.</summary>
    public CsvColumnSpecification Specification { get; }

    /// <summary>Rows that were short (or long, when extra fields are kept) and values that did not fit an override. Empty when all was well.</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>The specification followed by the problems (the first 20, and how many more).</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Specification.Format());
        if (Problems.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Problems ({Problems.Count}):").Append('\n');
            foreach (var problem in Problems.Take(20)) text.Append("  ").Append(problem).Append('\n');
            if (Problems.Count > 20) text.Append(CultureInfo.InvariantCulture, $"  ... and {Problems.Count - 20} more").Append('\n');
        }

        return text.ToString();
    }
}
