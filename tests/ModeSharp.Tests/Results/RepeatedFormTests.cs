using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// The reader parses a cell written in the same canonical form as the previous one (an integer after an integer, a
/// two-decimal amount after another) in one pass, and classifies every other cell in full. These sequences switch
/// between the two paths at every step and check that the result is exactly what full classification decides: the
/// same type, the same values, and every cell's text back character for character when the column ends as text.
/// </summary>
public class RepeatedFormTests
{
    private static CsvFrameResult ReadColumn(params string[] cells) =>
        CsvTestSupport.Read("c\n" + string.Join("\n", cells.Select(Quote)) + "\n");

    private static string Quote(string cell) => cell.Length == 0 || cell.Contains(',') ? $"\"{cell}\"" : cell;

    [Theory]
    [InlineData("1", "22", "-0", "-17", "0", "x")]
    [InlineData("123456789012345", "1234567890123456", "-999999999999999", "x")]
    [InlineData("1.50", "2.25", "-0.0", "0.5", "1e5", "3", "0.000000000000001", "x")]
    [InlineData("1.5", "00.5", "x")]
    [InlineData("2024-01-31", "2024-02-29", "2023-02-29", "x")]
    [InlineData("2024-01-31T09:30:00Z", "2024-01-31T09:30:00.120Z", "2024-01-31T09:30Z", "2024-01-31T09:30:00+01:00", "2024-01-31 09:30:00Z", "x")]
    [InlineData("2024-01-31T09:30:00", "2024-01-31T09:30:00.1234567", "2024-01-31 09:30", "x")]
    [InlineData("true", "false", "TRUE", "false", "F", "x")]
    [InlineData("1", "2", "x", "3", "4")]
    [InlineData("1.25", "2.50", "x", "3.75", "4.00")]
    [InlineData("2024-01-31", "2024-02-01", "x", "2024-02-02", "2024-02-03")]
    [InlineData("2024-01-31T09:30:00Z", "2024-01-31T09:31:00Z", "x", "2024-01-31T09:32:00Z", "2024-01-31T09:33:00Z")]
    [InlineData("true", "false", "x", "true", "false")]
    public void A_column_that_ends_as_text_gives_back_every_cell_exactly(params string[] cells)
    {
        var result = ReadColumn(cells);

        Assert.Equal(CsvColumnType.Text, result.TypeOf("c"));
        for (int i = 0; i < cells.Length; i++) Assert.Equal(cells[i], result.Cell("c", i));
    }

    [Fact]
    public void Integers_between_decimals_make_a_double_column_with_exact_values()
    {
        var result = ReadColumn("1", "2.5", "3", "4", "-0.25", "5");

        Assert.Equal(CsvColumnType.Double, result.TypeOf("c"));
        Assert.Equal(new object?[] { 1.0, 2.5, 3.0, 4.0, -0.25, 5.0 }, Enumerable.Range(0, 6).Select(i => result.Cell("c", i)));
    }

    [Fact]
    public void Minus_zero_among_integers_is_the_integer_zero()
    {
        var result = ReadColumn("10", "-0", "7");

        Assert.Equal(CsvColumnType.Integer, result.TypeOf("c"));
        Assert.Equal(new object?[] { 10L, 0L, 7L }, Enumerable.Range(0, 3).Select(i => result.Cell("c", i)));
    }

    [Fact]
    public void A_sixteenth_digit_after_short_decimals_makes_the_column_decimal_not_a_rounded_double()
    {
        var result = ReadColumn("1.5", "2.25", "1.000000000000001");

        Assert.Equal(CsvColumnType.Decimal, result.TypeOf("c"));
        Assert.Equal(1.000000000000001m, result.Cell("c", 2));
    }

    [Fact]
    public void Decimals_parsed_in_one_pass_have_the_bits_double_Parse_gives()
    {
        string[] cells = ["0.1", "0.7", "123.456", "-98765.4321", "0.123456789012345", "99999999999999.9", "0.30000000000000"];
        var result = ReadColumn(cells);

        Assert.Equal(CsvColumnType.Double, result.TypeOf("c"));
        for (int i = 0; i < cells.Length; i++)
        {
            Assert.Equal(double.Parse(cells[i], System.Globalization.CultureInfo.InvariantCulture), (double)result.Cell("c", i)!);
        }
    }

    [Fact]
    public void A_zoned_timestamp_after_unzoned_ones_makes_the_column_text()
    {
        var result = ReadColumn("2024-01-01T00:00:00", "2024-01-01T01:00:00", "2024-01-01T02:00:00Z");

        Assert.Equal(CsvColumnType.Text, result.TypeOf("c"));
        Assert.Equal("2024-01-01T02:00:00Z", result.Cell("c", 2));
    }

    [Fact]
    public void A_date_among_utc_timestamps_makes_the_column_text()
    {
        var result = ReadColumn("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-02");

        Assert.Equal(CsvColumnType.Text, result.TypeOf("c"));
        Assert.Equal("2024-01-02", result.Cell("c", 2));
    }

    [Fact]
    public void Nulls_between_repeated_forms_stay_null()
    {
        var result = ReadColumn("1", "", "2", "", "3");

        Assert.Equal(CsvColumnType.Integer, result.TypeOf("c"));
        Assert.Equal(new object?[] { 1L, null, 2L, null, 3L }, Enumerable.Range(0, 5).Select(i => result.Cell("c", i)));
    }

    [Theory]
    [InlineData("-0", "1.5")]
    [InlineData("7", "-0", "1.5")]
    [InlineData("1.5", "-0")]
    [InlineData("1.5", "2", "-0")]
    public void Minus_zero_in_a_double_column_keeps_its_sign_as_double_Parse_does(params string[] cells)
    {
        var result = ReadColumn(cells);

        Assert.Equal(CsvColumnType.Double, result.TypeOf("c"));
        int at = Array.IndexOf(cells, "-0");
        var value = (double)result.Cell("c", at)!;
        Assert.Equal(0.0, value);
        Assert.True(double.IsNegative(value), "-0 must read as -0.0 in a double column");
        Assert.False(double.IsNegative((double)result.Cell("c", cells.Length - 1 == at ? 0 : cells.Length - 1)!));
    }

    [Theory]
    [InlineData("2024-01-31T09:30")]
    [InlineData("2024-01-31 09:30")]
    [InlineData("2024-01-31T09:30Z")]
    [InlineData("2024-01-31T09:30:05")]
    [InlineData("2024-01-31 09:30:05Z")]
    [InlineData("2024-01-31T09:30:05.1Z")]
    [InlineData("2024-01-31T09:30:05.120")]
    [InlineData("2024-01-31T09:30:05.1234567Z")]
    [InlineData("2024-01-31T09:30:05.123456700")]
    [InlineData("2024-01-31T09:30:05.1234567000Z")]
    [InlineData("2024-01-31T09:30:05+01:00")]
    [InlineData("2024-01-31T09:30:05.5-0330")]
    [InlineData("2024-01-31T09:30-05")]
    public void The_one_pass_timestamp_parse_agrees_with_the_canonical_form_check(string cell)
    {
        Assert.True(CellParser.TryParseTimestamp(cell, out long ticks, out bool zoned, out int layout));
        Assert.True(CellParser.TryParseTimestamp(cell, out long again, out bool zonedAgain));
        Assert.Equal((ticks, zoned), (again, zonedAgain));

        byte marker = CanonicalText.Describe(zoned ? CellKind.TimestampUtc : CellKind.TimestampLocal, cell, out byte expected);
        Assert.Equal(marker == 0 ? -1 : expected, layout);
        if (layout >= 0)
        {
            Span<char> text = stackalloc char[64];
            Assert.Equal(cell, text[..CanonicalText.Format(CanonicalText.Timestamp, (byte)layout, ticks, slotIsDouble: false, text)].ToString());
        }
    }

    [Fact]
    public void A_missing_value_string_shaped_like_the_previous_cell_is_still_null()
    {
        var options = new CsvReadOptions { MissingValues = ["-999", "1900-01-01"] };
        var result = CsvTestSupport.Read("n,d\n1,2024-01-01\n-999,1900-01-01\n3,2024-01-03\n", options);

        Assert.Equal(CsvColumnType.Integer, result.TypeOf("n"));
        Assert.Equal(CsvColumnType.Date, result.TypeOf("d"));
        Assert.Equal(new object?[] { 1L, null, 3L }, Enumerable.Range(0, 3).Select(i => result.Cell("n", i)));
        Assert.Null(result.Cell("d", 1));
    }
}
