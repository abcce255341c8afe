using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// The reader writes down only the nulls of a column while reading and builds the validity bitmap at the end; nulls
/// on byte boundaries, at the very start and end, in long runs, or none at all, must come back exactly where they were.
/// </summary>
public class NullPositionTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1003)]
    [InlineData(70_001)]
    public void Every_null_of_a_typed_column_is_where_it_was(int rows)
    {
        var nulls = new HashSet<int> { 0, 7, 8, 15, 16, 999, rows - 1 };
        for (int r = 40_000; r < Math.Min(rows, 41_000); r++) nulls.Add(r);
        var csv = new StringBuilder("n,d,t\n");
        for (int r = 0; r < rows; r++)
        {
            csv.Append(nulls.Contains(r) ? "" : (r * 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
               .Append(r % 5 == 2 ? "" : "1.5").Append(',')
               .Append(r % 2 == 0 ? "2024-01-02" : "2024-03-04").Append('\n');
        }

        var result = CsvTestSupport.Read(csv.ToString());

        Assert.Equal(CsvColumnType.Integer, result.TypeOf("n"));
        Assert.Equal(CsvColumnType.Double, result.TypeOf("d"));
        var n = result.Frame.Columns["n"];
        var d = result.Frame.Columns["d"];
        var t = result.Frame.Columns["t"];
        Assert.Equal(nulls.Count(i => i < rows), n.NullCount);
        Assert.Equal(0, t.NullCount);
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(nulls.Contains(r) ? null : (long)(r * 3), n[r]);
            Assert.Equal(r % 5 == 2 ? null : 1.5, d[r]);
            Assert.NotNull(t[r]);
        }
    }
}
