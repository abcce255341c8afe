using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

public class TokenizingTests
{
    [Fact]
    public void Unterminated_quote_at_end_of_input_is_an_error_naming_the_line_where_the_field_began()
    {
        var e = Assert.Throws<CsvDataException>(() => CsvTestSupport.Read("a,b,c\n1,2,3\n4,\"x\ny\",\"never\nclosed\n5,6,7\n"));
        Assert.Equal(4, e.Line); // the record starts on line 3; its second field holds a newline, so the third begins on line 4
        Assert.Equal(2, e.Row);
        Assert.Contains("beginning on line 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unterminated_quote_is_reported_the_same_from_a_trickled_stream()
    {
        var bytes = CsvTestSupport.Utf8("a\n1\n2\n\"open\n\n");
        var e = await Assert.ThrowsAsync<CsvDataException>(() => CsvTestSupport.ReadTrickledAsync(bytes, 1));
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_not_a_silent_guess()
    {
        var e = Assert.Throws<CsvDataException>(() => CsvTestSupport.Read("a,b\n1,\"x\"y\n"));
        Assert.Equal(1, e.Row);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Lf_and_crlf_record_ends_may_be_mixed()
    {
        var r = CsvTestSupport.Read("a,b\r\n1,2\r\n3,4\n5,6\r\n7,8");
        Assert.Equal(4, r.Specification.RowCount);
        Assert.Equal(new object?[] { 1L, 3L, 5L, 7L }, Enumerable.Range(0, 4).Select(i => r.Cell("a", i)));
    }

    [Fact]
    public void Bare_cr_inside_a_quoted_field_is_data()
    {
        var r = CsvTestSupport.Read("a,b\n\"x\ry\",1\r\n\"\r\",2\n");
        Assert.Equal("x\ry", r.Cell("a", 0));
        Assert.Equal("\r", r.Cell("a", 1));
    }

    [Theory]
    [InlineData("a,b\r1,2\r", 1, 1)]
    [InlineData("a,b\n1,2\r\n3,4\r5,6\n", 3, 3)]
    public void Bare_cr_record_ends_are_refused_with_their_line_never_misread(string csv, long record, long line)
    {
        // Known gap: the tokenizer (Sylvan.Data.Csv 1.4.4, upstream issue #198) mis-splits classic-Mac CR line ends.
        var e = Assert.Throws<CsvDataException>(() => CsvTestSupport.Read(csv));
        Assert.Equal(line, e.Line);
        Assert.Equal(record - 1, e.Row);
        Assert.Contains("bare CR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_name_input_lines_counting_crlf_and_quoted_newlines()
    {
        var r = CsvTestSupport.Read("a,b\r\n\"x\r\ny\",1\r\n2\n3,4\n5\n");
        Assert.Equal(new[] { new CsvProblem(2, 4, null, "2 fields", "1 fields"), new CsvProblem(4, 6, null, "2 fields", "1 fields") }, r.Problems);
    }

    [Fact]
    public void Blank_line_in_a_one_column_file_is_a_null_record()
    {
        var r = CsvTestSupport.Read("v\n1\n\n3\n");
        Assert.Equal(3, r.Specification.RowCount);
        Assert.Null(r.Cell("v", 1));
        Assert.Empty(r.Problems);
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("v"));
    }

    [Fact]
    public void Quoted_empty_is_null_by_default_and_an_empty_string_with_the_option()
    {
        const string csv = "t,n\n\"\",\"\"\n,\nx,1\n";
        var plain = CsvTestSupport.Read(csv);
        Assert.Null(plain.Cell("t", 0));

        var kept = CsvTestSupport.Read(csv, new CsvReadOptions { KeepQuotedEmptyAsEmptyString = true });
        Assert.Equal("", kept.Cell("t", 0));
        Assert.Null(kept.Cell("t", 1));
        Assert.Equal(CsvColumnType.Integer, kept.TypeOf("n"));
        Assert.Null(kept.Cell("n", 0)); // numbers have no empty value
    }

    [Fact]
    public void Quoted_empty_survives_a_late_switch_to_text()
    {
        var kept = CsvTestSupport.Read("t\n1\n\"\"\n\nx\n", new CsvReadOptions { KeepQuotedEmptyAsEmptyString = true });
        Assert.Equal(new object?[] { "1", "", null, "x" }, Enumerable.Range(0, 4).Select(i => kept.Cell("t", i)));
    }

    [Fact]
    public void Extra_fields_are_an_error_naming_the_row_by_default()
    {
        var e = Assert.Throws<CsvDataException>(() => CsvTestSupport.Read("a,b\n1,2\n3,4,5\n"));
        Assert.Equal(2, e.Row);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Extra_fields_can_be_kept_in_generated_columns()
    {
        var r = CsvTestSupport.Read("a,b\n1,2\n3,4,5,6\n7,8\n", new CsvReadOptions { ExtraFields = CsvExtraFieldsPolicy.KeepInGeneratedColumns });
        Assert.Equal(new[] { "a", "b", "column_3", "column_4" }, r.Frame.Columns.Select(c => c.Name));
        Assert.Null(r.Cell("column_3", 0));
        Assert.Equal(5L, r.Cell("column_3", 1));
        Assert.Null(r.Cell("column_4", 2));
        Assert.Single(r.Problems);
    }

    [Fact]
    public void Header_only_gives_text_columns_with_no_rows()
    {
        var r = CsvTestSupport.Read("a,b\n");
        Assert.Equal(0, r.Frame.Rows.Count);
        Assert.All(r.Specification.Columns, c => Assert.Equal(CsvColumnType.Text, c.Type));
    }

    [Fact]
    public async Task Invalid_utf8_is_an_error_not_replacement_characters()
    {
        var bytes = CsvTestSupport.Utf8("a\nok\n").Concat(new byte[] { 0xC3, 0x28, 0x0A }).ToArray();
        await Assert.ThrowsAsync<CsvDataException>(() => CsvFrameReader.ReadAsync(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task Declared_encoding_is_used_for_bytes()
    {
        var latin1 = Encoding.Latin1;
        var r = await CsvFrameReader.ReadAsync(new MemoryStream(latin1.GetBytes("city\nMalmö\n")), new CsvReadOptions { Encoding = latin1 });
        Assert.Equal("Malmö", r.Cell("city", 0));
    }

    [Fact]
    public void Hash_at_line_start_is_data_not_a_comment()
    {
        var r = CsvTestSupport.Read("a\n#1\n#2\n");
        Assert.Equal(2, r.Specification.RowCount);
        Assert.Equal("#1", r.Cell("a", 0));
    }
}
