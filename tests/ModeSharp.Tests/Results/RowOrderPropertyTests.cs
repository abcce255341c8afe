using System.Globalization;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// A column's type and every cell's value depend on the set of cells, never on their order. The reader takes a
/// shortcut for a cell shaped like the one before it and classifies every other cell in full, so reordering the same
/// cells sends them down different paths: the frames must still agree cell for cell (doubles compared by their bits,
/// so -0.0 is not 0.0). Cells come from families of look-alikes (canonical and non-canonical integers, fractions,
/// dates, timestamps, booleans) so that columns stay typed, promote, and fall back to text. Seeded: a failure names it.
/// </summary>
public class RowOrderPropertyTests
{
    private static readonly string[][] Families =
    [
        ["0", "7", "-3", "42", "123456789012345", "-0", "007", "1234567890123456", "99999999999999999999", "+5"],
        ["1.5", "-0.25", "0.0", "-0.0", "12.50", "0.000000000000001", "1e5", "2.5E-3", "1.", ".5", "123456789.123456", "1234567890.1234567", "NaN", "-Inf"],
        ["2024-01-31", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2024-1-31"],
        ["2024-01-31T09:30:00Z", "2024-01-31 09:30Z", "2024-01-31T09:30:00.120Z", "2024-01-31T09:30:00+01:00", "2024-01-31T09:30:00.1234567890Z"],
        ["2024-01-31T09:30:00", "2024-01-31 09:30", "2024-01-31T09:30:00.5", "2024-01-31T24:00:00"],
        ["true", "false", "TRUE", "F", "t", "yes"],
        ["", "x", "NA", "1,5", "\"q\""],
    ];

    [Fact]
    public void Reordering_the_cells_of_a_column_changes_no_type_and_no_value()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            var rng = new Random(seed);
            var family = Families[rng.Next(Families.Length - 1)];
            var other = rng.Next(3) == 0 ? Families[rng.Next(Families.Length)] : family;
            var cells = Enumerable.Range(0, rng.Next(2, 40))
                .Select(_ => rng.Next(5) == 0 ? other[rng.Next(other.Length)] : family[rng.Next(family.Length)])
                .ToArray();
            var order = Enumerable.Range(0, cells.Length).ToArray();
            var expected = Read(cells);

            for (int shuffle = 0; shuffle < 4; shuffle++)
            {
                rng.Shuffle(order);
                var actual = Read(order.Select(i => cells[i]).ToArray());
                string where = $"seed {seed}, cells [{string.Join(" | ", cells)}], order [{string.Join(",", order)}]";
                Assert.True(expected.Type == actual.Type, $"{where}: {expected.Type} in the original order, {actual.Type} reordered");
                for (int k = 0; k < order.Length; k++)
                {
                    var want = expected.Values[order[k]];
                    var got = actual.Values[k];
                    Assert.True(Same(want, got), $"{where}: cell '{cells[order[k]]}' read as {Show(want)} in the original order, {Show(got)} reordered");
                }
            }
        }
    }

    private static (CsvColumnType Type, object?[] Values) Read(string[] cells)
    {
        var csv = "c\n" + string.Concat(cells.Select(c => (c.Length == 0 || c.Contains(',') || c.Contains('"') ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c) + "\n"));
        var result = CsvFrameReader.Parse(csv);
        var column = result.Frame.Columns["c"];
        return (result.Specification["c"]!.Type, Enumerable.Range(0, cells.Length).Select(i => column[i]).ToArray());
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind,
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + (double.IsNegative(d) ? " (negative)" : ""),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => $"{value} ({value.GetType().Name})",
    };
}
