using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>Inputs found by trying to break the reader: each must fail loudly or read exactly.</summary>
public class EdgeInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public async Task An_empty_body_is_an_error_not_an_empty_table(string text)
    {
        Assert.Throws<CsvDataException>(() => CsvFrameReader.Parse(text));
        var bytes = Encoding.UTF8.GetBytes(text);
        var error = await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(new MemoryStream(bytes)));
        Assert.Contains("no header", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CsvDataException>(() => CsvTestSupport.ReadTrickledAsync(bytes, 1));
        await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync<Row>(new MemoryStream(bytes)))
            {
            }
        });
    }

    /// <summary>
    /// A record of thousands of fields, empty and quoted-empty mixed with quoted text holding commas and quotes: with
    /// KeepQuotedEmptyAsEmptyString each "" is an empty string and each bare empty a null (one scan of the record answers
    /// for every field; it once rescanned the record for each empty field).
    /// </summary>
    [Fact]
    public void Quoted_empties_are_told_from_bare_empties_across_thousands_of_fields()
    {
        const int Fields = 4000;
        string[] forms = ["\"\"", "", "\"a,\"\"b\"", "x", "\"\""];
        var header = string.Join(',', Enumerable.Range(0, Fields).Select(i => "c" + i));
        var record = string.Join(',', Enumerable.Range(0, Fields).Select(i => forms[i % forms.Length]));
        var result = CsvFrameReader.Parse(header + "\n" + record + "\n" + record + "\n", new CsvReadOptions { KeepQuotedEmptyAsEmptyString = true });
        for (int i = 0; i < Fields; i++)
        {
            object? expected = (i % forms.Length) switch { 0 or 4 => "", 1 => null, 2 => "a,\"b", _ => "x" };
            Assert.Equal(expected, result.Frame.Columns[i][0]);
            Assert.Equal(expected, result.Frame.Columns[i][1]);
        }
    }

    [Fact]
    public void A_header_only_body_is_the_empty_result()
    {
        var result = CsvFrameReader.Parse("a,b\n");
        Assert.Equal(0, result.Frame.Rows.Count);
        Assert.Equal(["a", "b"], result.Specification.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("1.23456789e-320")]
    [InlineData("4.9e-324")]
    [InlineData("2.2250738585072e-309")]
    public void Subnormal_numbers_are_never_rounded_into_a_double(string value)
    {
        // A subnormal keeps fewer digits than it shows, and decimal cannot go that small: the exact text it is.
        var result = CsvFrameReader.Parse($"x\n1.5\n{value}\n");
        Assert.Equal(CsvColumnType.Text, result.Specification["x"]!.Type);
        Assert.Equal(value, result.Frame["x"][1]);
        Assert.Equal("1.5", result.Frame["x"][0]);
    }

    [Fact]
    public void A_small_normal_double_is_still_a_double()
    {
        var result = CsvFrameReader.Parse("x\n2.2250738585073e-308\n1.5\n");
        Assert.Equal(CsvColumnType.Double, result.Specification["x"]!.Type);
        Assert.Equal(2.2250738585073e-308, result.Frame["x"][0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Exactly_one_byte_order_mark_is_dropped_however_the_bytes_arrive(int chunk)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetPreamble()).Concat(Encoding.UTF8.GetBytes("foo,bar\n1,2\n")).ToArray();
        var trickled = await CsvTestSupport.ReadTrickledAsync(bytes, chunk);
        var whole = await CsvFrameReader.ReadAsync(new MemoryStream(bytes));
        var text = CsvFrameReader.Parse(Encoding.UTF8.GetString(bytes));

        Assert.Equal("\uFEFFfoo", whole.Specification.Columns[0].Name);
        Assert.Equal(whole.Specification.Columns[0].Name, trickled.Specification.Columns[0].Name);
        Assert.Equal(whole.Specification.Columns[0].Name, text.Specification.Columns[0].Name);
    }

    private sealed class Row
    {
        public string? A { get; set; }
    }
}
