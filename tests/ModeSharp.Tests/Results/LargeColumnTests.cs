using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// Columns long enough to span many of the reader's internal chunks (64 K values, 256 KB of kept text), where a late
/// value changes the type: every earlier cell must come back exactly. And the double fast path must give the bits
/// double.Parse gives.
/// </summary>
public class LargeColumnTests
{
    private const int Rows = 150_000;

    [Fact]
    public void Short_decimals_convert_to_the_same_double_as_double_Parse()
    {
        var rng = new Random(7);
        var sb = new StringBuilder("x\n");
        var texts = new List<string>();
        for (int i = 0; i < 20_000; i++)
        {
            int intDigits = rng.Next(0, 9);
            int fracDigits = rng.Next(1, 16 - Math.Max(1, intDigits));
            string intPart = intDigits == 0 ? "0" : rng.Next(1, 10).ToString(CultureInfo.InvariantCulture) + Digits(rng, intDigits - 1);
            string text = (rng.Next(4) == 0 ? "-" : "") + intPart + "." + Digits(rng, fracDigits);
            texts.Add(text);
            sb.Append(text).Append('\n');
        }

        var frame = CsvFrameReader.Parse(sb.ToString());
        Assert.Equal(CsvColumnType.Double, frame.Specification.Columns[0].Type);
        var column = (DoubleDataFrameColumn)frame.Frame.Columns[0];
        for (int i = 0; i < texts.Count; i++)
        {
            double expected = double.Parse(texts[i], CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(column[i]!.Value), $"{texts[i]}: {expected:R} vs {column[i]:R}");
        }
    }

    [Fact]
    public void A_late_text_value_keeps_every_earlier_cell_exactly_across_chunks()
    {
        var cells = new List<string?>();
        var sb = new StringBuilder("n,d,t\n");
        var longNumber = "9" + new string('1', 300); // beyond 255 chars: a long kept-text entry
        for (int i = 0; i < Rows; i++)
        {
            string n = i == 5 ? longNumber : i % 7 == 0 ? "" : i % 3 == 0 ? (i * 1.25).ToString("R", CultureInfo.InvariantCulture) : (-i).ToString(CultureInfo.InvariantCulture);
            string d = new DateTime(2000, 1, 1).AddDays(i % 9000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string t = i % 2 == 0 ? "2024-01-02T03:04:05.120Z" : "2024-01-02 03:04Z";
            cells.Add(n.Length == 0 ? null : n);
            sb.Append(n).Append(',').Append(d).Append(',').Append(t).Append('\n');
        }

        sb.Append("late text,not a date,nor a timestamp\n");
        var result = CsvFrameReader.Parse(sb.ToString());
        Assert.All(result.Specification.Columns, c => Assert.Equal(CsvColumnType.Text, c.Type));
        var n0 = (StringDataFrameColumn)result.Frame.Columns["n"];
        var d0 = (StringDataFrameColumn)result.Frame.Columns["d"];
        var t0 = (StringDataFrameColumn)result.Frame.Columns["t"];
        for (int i = 0; i < Rows; i++)
        {
            Assert.Equal(cells[i], n0[i]);
            Assert.Equal(new DateTime(2000, 1, 1).AddDays(i % 9000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d0[i]);
            Assert.Equal(i % 2 == 0 ? "2024-01-02T03:04:05.120Z" : "2024-01-02 03:04Z", t0[i]);
        }

        Assert.Equal("late text", n0[Rows]);
    }

    [Fact]
    public void A_late_double_promotes_integers_from_every_chunk_and_a_late_wide_value_makes_decimal()
    {
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < Rows; i++) sb.Append(i - 70_000).Append(',').Append(i).Append('\n');
        sb.Append("0.5,12345678901234567.5\n");
        var result = CsvFrameReader.Parse(sb.ToString());
        Assert.Equal(CsvColumnType.Double, result.Specification["a"]!.Type);
        Assert.Equal(CsvColumnType.Decimal, result.Specification["b"]!.Type);
        var a = (DoubleDataFrameColumn)result.Frame.Columns["a"];
        var b = (DecimalDataFrameColumn)result.Frame.Columns["b"];
        for (int i = 0; i < Rows; i++)
        {
            Assert.Equal(i - 70_000, a[i]);
            Assert.Equal(i, b[i]);
        }

        Assert.Equal(0.5, a[Rows]);
        Assert.Equal(12345678901234567.5m, b[Rows]);
    }

    [Theory]
    [InlineData("0|42|-7|-0|123456789012345|1234567890123456|0.05|-0.0|1234.50|1.5e3|123456789012.345|0.0000000000000000000001|12345678.9012345678|NaN")]
    [InlineData("2024-01-02|0001-01-01|9999-12-31|2024-02-29T03:04|2024-01-02 03:04:05|2024-01-02T03:04:05.1234567|2024-01-02 03:04:05.123456700|2024-01-02T03:04:05.1234567000|2024-01-02T03:04:05.5")]
    [InlineData("2024-01-02T03:04:05Z|2024-01-02 03:04Z|2024-01-02T03:04:05.120Z|2024-01-02T03:04:05.000000001Z|2024-01-02T03:04:05+01:00|2024-01-02T03:04:05-0130")]
    [InlineData("true|false|TRUE|t|F|False")]
    public void A_late_text_value_gives_back_every_typed_cell_exactly(string cells)
    {
        var values = cells.Split('|');
        var sb = new StringBuilder("x\n");
        for (int round = 0; round < 3; round++)
        {
            foreach (var v in values) sb.Append(v).Append('\n');
        }

        sb.Append("\"\"\n"); // a quoted empty cell, kept as empty string below
        sb.Append("not typed\n");
        var result = CsvFrameReader.Parse(sb.ToString(), new CsvReadOptions { KeepQuotedEmptyAsEmptyString = true });
        var column = (StringDataFrameColumn)result.Frame.Columns["x"];
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < values.Length; i++) Assert.Equal(values[i], column[(round * values.Length) + i]);
        }

        Assert.Equal(string.Empty, column[3 * values.Length]);
        Assert.Equal("not typed", column[(3 * values.Length) + 1]);
    }

    [Fact]
    public void Numbers_longer_than_any_decimal_stay_exact_text()
    {
        var huge = "9" + new string('1', 300);
        var result = CsvFrameReader.Parse($"n\n{huge}\n1\n");
        Assert.Equal(CsvColumnType.Text, result.Specification["n"]!.Type);
        Assert.Equal(huge, result.Frame.Columns["n"][0]);
        Assert.Equal("1", result.Frame.Columns["n"][1]);
    }

    private static string Digits(Random rng, int n)
    {
        var chars = new char[n];
        for (int i = 0; i < n; i++) chars[i] = (char)('0' + rng.Next(10));
        return new string(chars);
    }
}
