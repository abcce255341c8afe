using System.Globalization;
using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Cli.Output;

/// <summary>
/// Renders one cell as invariant text that ModeSharp's reader types back to the same column type:
/// dates as <c>yyyy-MM-dd</c>, timestamps as ISO 8601 (with <c>Z</c> when the column is UTC),
/// doubles in round-trip form, decimals digit for digit.
/// </summary>
internal static class CellText
{
    /// <summary>Returns a reader for column <paramref name="column"/> that yields null for a missing value.</summary>
    public static Func<long, string?> For(DataFrameColumn column, CsvColumnType kind) => column switch
    {
        BooleanDataFrameColumn c => row => c[row] is { } v ? (v ? "true" : "false") : null,
        Int64DataFrameColumn c => row => c[row]?.ToString(CultureInfo.InvariantCulture),
        DoubleDataFrameColumn c => row => c[row] is { } v ? Double(v) : null,
        DecimalDataFrameColumn c => row => c[row]?.ToString(CultureInfo.InvariantCulture),
        DateTimeDataFrameColumn c when kind == CsvColumnType.Date => row => c[row]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeDataFrameColumn c => row => c[row] is { } v ? Timestamp(v) : null,
        StringDataFrameColumn c => row => c[row],
        _ => row => column[row] is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null,
    };

    public static string Double(double value)
    {
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // "1" would read back as an integer: keep a whole double recognisably a double.
        return text.AsSpan().IndexOfAny(".EN") < 0 ? text + ".0" : text;
    }

    public static string Timestamp(DateTime value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
        + (value.Kind == DateTimeKind.Utc ? "Z" : "");
}
