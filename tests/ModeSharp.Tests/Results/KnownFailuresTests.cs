using System.Globalization;
using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// The table "Known failures of other readers" in csv-inference.md, one test (or theory) per row,
/// each widened to the kind of failure the row stands for.
/// </summary>
public class KnownFailuresTests
{
    private static CsvFrameResult Read(string csv, CsvReadOptions? options = null) => CsvTestSupport.Read(csv, options);

    // 1, 2, 15: ids are exact 64-bit integers, never floats.
    [Theory]
    [InlineData("289203891", 289203891L)]
    [InlineData("9007199254740993", 9007199254740993L)]
    [InlineData("100000000000000101", 100000000000000101L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0", 0L)]
    public void Row1_2_ids_come_back_as_exact_integers(string raw, long expected)
    {
        var r = Read($"id\n{raw}\n1\n");
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("id"));
        Assert.Equal(expected, r.Cell("id", 0));
    }

    [Fact]
    public void Row15_neighbouring_large_ids_stay_distinct()
    {
        var r = Read("id\n100000000000000100\n100000000000000101\n");
        Assert.Equal(100000000000000100L, r.Cell("id", 0));
        Assert.Equal(100000000000000101L, r.Cell("id", 1));
    }

    [Fact]
    public void Ids_beyond_64_bits_are_decimal_or_text_never_rounded()
    {
        var r = Read("big,huge\n12345678901234567890123,1234567890123456789012345678901234567890\n1,2\n");
        Assert.Equal(CsvColumnType.Decimal, r.TypeOf("big"));
        Assert.Equal(12345678901234567890123m, r.Cell("big", 0));
        Assert.Equal(CsvColumnType.Text, r.TypeOf("huge"));
        Assert.Equal("1234567890123456789012345678901234567890", r.Cell("huge", 0));
        Assert.Equal("2", r.Cell("huge", 1));
    }

    [Fact]
    public void Wide_integer_mixed_with_decimals_becomes_decimal_not_a_rounded_double()
    {
        var r = Read("v\n9007199254740993\n1.5\n");
        Assert.Equal(CsvColumnType.Decimal, r.TypeOf("v"));
        Assert.Equal(9007199254740993m, r.Cell("v", 0));
        Assert.Equal(1.5m, r.Cell("v", 1));
    }

    [Fact]
    public void Fractions_with_more_than_15_significant_digits_are_decimal()
    {
        var r = Read("v\n0.1234567890123456789\n2\n");
        Assert.Equal(CsvColumnType.Decimal, r.TypeOf("v"));
        Assert.Equal(0.1234567890123456789m, r.Cell("v", 0));
    }

    // 3: whole numbers are integers, decimals doubles.
    [Fact]
    public void Row3_whole_number_and_decimal_columns_get_integer_and_double()
    {
        var r = Read("n,x,e\n1,1.5,6e+05\n-2,-0.25,1E-3\n");
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("n"));
        Assert.Equal(CsvColumnType.Double, r.TypeOf("x"));
        Assert.Equal(CsvColumnType.Double, r.TypeOf("e"));
        Assert.Equal(-0.25, r.Cell("x", 1));
        Assert.Equal(600000d, r.Cell("e", 0));
        Assert.Equal(0.001, r.Cell("e", 1));
    }

    [Fact]
    public void Integers_then_a_late_double_promote_the_column_exactly()
    {
        var sb = new StringBuilder("v\n");
        for (int i = 0; i < 5000; i++) sb.Append(i).Append('\n');
        sb.Append("0.5\n");
        var r = Read(sb.ToString());
        Assert.Equal(CsvColumnType.Double, r.TypeOf("v"));
        Assert.Equal(4999d, r.Cell("v", 4999));
        Assert.Equal(0.5, r.Cell("v", 5000));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Inf")]
    [InlineData("-Inf")]
    [InlineData("Infinity")]
    public void Non_finite_words_are_accepted_in_an_otherwise_numeric_column(string word)
    {
        var r = Read($"v\n1.5\n{word}\n2\n");
        Assert.Equal(CsvColumnType.Double, r.TypeOf("v"));
        Assert.Equal(double.Parse(word == "Inf" ? "Infinity" : word == "-Inf" ? "-Infinity" : word, CultureInfo.InvariantCulture), r.Cell("v", 1));
    }

    [Theory]
    [InlineData("12d3")]   // Fortran exponent
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1,234")]  // grouping separator
    [InlineData("- 1")]
    public void Number_like_text_makes_the_column_text_with_exact_cells(string raw)
    {
        var r = Read($"v\n1\n\"{raw}\"\n2.50\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("v"));
        Assert.Equal(new object?[] { "1", raw, "2.50" }, Enumerable.Range(0, 3).Select(i => r.Cell("v", i)));
    }

    // 4, 5, 25: culture never leaks in.
    [Theory]
    [InlineData("sv-SE")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void Row4_5_decimal_point_is_invariant_whatever_the_current_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var r = Read("Date,Value\n2021-03-01,20.7\n2021-03-02,-1.5e3\n");
            Assert.Equal(CsvColumnType.Double, r.TypeOf("Value"));
            Assert.Equal(20.7, r.Cell("Value", 0));
            Assert.Equal(-1500d, r.Cell("Value", 1));
            Assert.Equal(CsvColumnType.Date, r.TypeOf("Date"));
            Assert.Equal("Rows: 2  Columns: 2\ndate   (1): Date\ndouble (1): Value\n", r.Specification.Format());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Row25_semicolon_file_is_one_text_column_separator_is_never_guessed()
    {
        var r = Read("Date;Value\n2021-03-01;20.7\n");
        var column = Assert.Single(r.Specification.Columns);
        Assert.Equal("Date;Value", column.Name);
        Assert.Equal(CsvColumnType.Text, column.Type);
        Assert.Equal("2021-03-01;20.7", r.Cell("Date;Value", 0));
    }

    [Fact]
    public void Row25_decimal_comma_in_a_semicolon_file_is_an_extra_field_error_not_a_lost_value()
    {
        var e = Assert.Throws<CsvDataException>(() => Read("Date;Value\n2021-03-01;20,7\n"));
        Assert.Equal(1, e.Row);
        Assert.Equal(2, e.Line);
        Assert.Contains("2 fields but the header has 1", e.Message, StringComparison.Ordinal);

        var kept = Read("Date;Value\n2021-03-01;20,7\n", new CsvReadOptions { ExtraFields = CsvExtraFieldsPolicy.KeepInGeneratedColumns });
        Assert.Equal(new[] { "Date;Value", "column_2" }, kept.Frame.Columns.Select(c => c.Name));
        Assert.Equal(7L, kept.Cell("column_2", 0));
        Assert.Null(kept.Specification["column_2"]!.OriginalName);
        Assert.Equal(new CsvProblem(1, 2, null, "1 fields", "2 fields"), Assert.Single(kept.Problems));
    }

    // 6, 7, 17: quoted commas stay in one field; numbers with commas are text.
    [Fact]
    public void Row6_quoted_comma_stays_inside_one_field()
    {
        var r = Read("name,age,note\nPaul,34,\"Paul lives in Vermont, VA.\"\n");
        Assert.Equal("Paul lives in Vermont, VA.", r.Cell("note", 0));
        Assert.Equal(34L, r.Cell("age", 0));
    }

    [Fact]
    public void Row7_company_name_whole_and_postal_code_text()
    {
        var r = Read("name,city,zip,n\n\"Berkeley Investments, Inc.\",South Boston,02127,97\n");
        Assert.Equal("Berkeley Investments, Inc.", r.Cell("name", 0));
        Assert.Equal(CsvColumnType.Text, r.TypeOf("zip"));
        Assert.Equal("02127", r.Cell("zip", 0));
        Assert.Equal(97L, r.Cell("n", 0));
    }

    [Theory]
    [InlineData("\"1,2,4\"", "1,2,4")]
    [InlineData("\"24,5\"", "24,5")]
    public void Row17_numbers_with_commas_are_text(string field, string expected)
    {
        var r = Read($"v\n{field}\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("v"));
        Assert.Equal(expected, r.Cell("v", 0));
    }

    // 8, 9: header repair, reported.
    [Fact]
    public void Row8_duplicate_names_are_made_unique_and_reported()
    {
        var r = Read("a,b,a,a\n1,2,3,4\n");
        Assert.Equal(new[] { "a", "b", "a_2", "a_3" }, r.Frame.Columns.Select(c => c.Name));
        Assert.Equal(new[] { new CsvRenamedHeader(3, "a", "a_2"), new CsvRenamedHeader(4, "a", "a_3") }, r.Specification.RenamedHeaders);
        Assert.Contains("Renamed headers: column 3: 'a' -> 'a_2'", r.Specification.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_suffix_skips_a_name_that_already_exists()
    {
        var r = Read("a,a,a_2\n1,2,3\n");
        Assert.Equal(new[] { "a", "a_3", "a_2" }, r.Frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Row9_empty_names_get_generated_positional_names()
    {
        var r = Read("v1,v2,,,\n1,2,3,4,5\n");
        Assert.Equal(new[] { "v1", "v2", "column_3", "column_4", "column_5" }, r.Frame.Columns.Select(c => c.Name));
        Assert.Equal(3, r.Specification.RenamedHeaders.Count);
        Assert.Equal("", r.Specification["column_3"]!.OriginalName);
    }

    [Fact]
    public void Header_with_a_quoted_newline_is_one_record()
    {
        var r = Read("\"first\nname\",b\nx,1\n");
        Assert.Equal("first\nname", r.Frame.Columns[0].Name);
        Assert.Equal(1, r.Specification.RowCount);
    }

    // 10: a value that fails names row, column, raw value, wanted type.
    [Fact]
    public void Row10_value_that_fails_an_override_is_a_located_problem()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["n"] = CsvColumnType.Integer } };
        var r = Read("x,n\na,1\nb,oops\n", options);
        var problem = Assert.Single(r.Problems);
        Assert.Equal(new CsvProblem(2, 3, "n", "integer", "oops"), problem);
        Assert.Null(r.Cell("n", 1));
        Assert.Contains("row 2 (line 3), column 'n': expected integer, found 'oops'", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Row10_in_strict_mode_the_failing_value_is_an_error_naming_everything()
    {
        var options = new CsvReadOptions { Strict = true, ColumnTypes = new Dictionary<string, CsvColumnType> { ["d"] = CsvColumnType.Date } };
        var e = Assert.Throws<CsvDataException>(() => Read("d\n2021-01-01\n2021-02-30\n", options));
        Assert.Equal(2, e.Row);
        Assert.Equal(3, e.Line);
        Assert.Equal("d", e.Column);
        Assert.Equal("2021-02-30", e.RawValue);
        Assert.Equal("date", e.Expected);
    }

    [Theory]
    [InlineData(CsvColumnType.Boolean, "yes")]
    [InlineData(CsvColumnType.Double, "1,5")]
    [InlineData(CsvColumnType.Decimal, "NaN")]
    [InlineData(CsvColumnType.Timestamp, "01/03/2021 10:00")]
    public void Every_override_type_reports_values_it_cannot_hold(CsvColumnType type, string raw)
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["v"] = type } };
        var r = Read($"v\n\"{raw}\"\n", options);
        Assert.Equal(type, r.TypeOf("v"));
        Assert.Equal(new CsvProblem(1, 2, "v", type.ToTypeName(), raw), Assert.Single(r.Problems));
    }

    [Fact]
    public void Overrides_force_types_the_guess_would_not_choose()
    {
        var options = new CsvReadOptions
        {
            ColumnTypes = new Dictionary<string, CsvColumnType> { ["zip"] = CsvColumnType.Integer, ["n"] = CsvColumnType.Text, ["x"] = CsvColumnType.Decimal },
        };
        var r = Read("zip,n,x\n02127,1.50,0.1\n", options);
        Assert.Equal(2127L, r.Cell("zip", 0));
        Assert.Equal("1.50", r.Cell("n", 0));
        Assert.Equal(0.1m, r.Cell("x", 0));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Override_for_a_column_the_file_lacks_is_an_error_listing_the_columns()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["nope"] = CsvColumnType.Integer } };
        var e = Assert.Throws<ArgumentException>(() => Read("a,b\n1,2\n", options));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("a, b", e.Message, StringComparison.Ordinal);
    }

    // 11, 21: NA-like strings are values unless the user lists them.
    [Fact]
    public void Row11_na_marker_in_numeric_column_makes_text_by_default()
    {
        var r = Read("v\n1\n#N/A\n2\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("v"));
        Assert.Equal("#N/A", r.Cell("v", 1));
    }

    [Fact]
    public void Row11_listed_missing_values_become_null()
    {
        var r = Read("v,w\n1,NA\n#N/A,x\nNULL,NA\n", new CsvReadOptions { MissingValues = ["#N/A", "NULL", "NA"] });
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("v"));
        Assert.Null(r.Cell("v", 1));
        Assert.Null(r.Cell("v", 2));
        Assert.Null(r.Cell("w", 0));
        Assert.Equal("x", r.Cell("w", 1));
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("NaN")]
    [InlineData("#N/A")]
    public void Row21_na_like_strings_are_kept_as_values(string raw)
    {
        var r = Read($"country\n{raw}\nSE\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("country"));
        Assert.Equal(raw, r.Cell("country", 0));
    }

    // 12: a stray quote mid-field is a character; no rows lost.
    [Fact]
    public void Row12_stray_quote_in_unquoted_field_is_kept_and_no_rows_are_lost()
    {
        var r = Read("a,b\n1,5\" pipe\n2,x\n3,y\"z\"\n4,w\n");
        Assert.Equal(4, r.Specification.RowCount);
        Assert.Equal("5\" pipe", r.Cell("b", 0));
        Assert.Equal("y\"z\"", r.Cell("b", 2));
        Assert.Equal(4L, r.Cell("a", 3));
    }

    // 13: see StreamingInputTests (non-seekable, tiny pieces).

    // 14: leading zeros and plus signs are text.
    [Theory]
    [InlineData("00001")]
    [InlineData("02127")]
    [InlineData("+46701234567")]
    [InlineData("-007")]
    [InlineData("00.5")]
    public void Row14_leading_zeros_and_plus_signs_make_text(string raw)
    {
        var r = Read($"code\n1\n{raw}\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("code"));
        Assert.Equal(raw, r.Cell("code", 1));
        Assert.Equal("1", r.Cell("code", 0));
    }

    // 16 and the date/time rules.
    [Fact]
    public void Row16_mixed_timestamp_shapes_become_text_and_nothing_is_null()
    {
        var r = Read("t\n2021-03-01 10:00\n01/03/2021 10:00\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("t"));
        Assert.Equal("2021-03-01 10:00", r.Cell("t", 0));
        Assert.Equal("01/03/2021 10:00", r.Cell("t", 1));
    }

    [Theory]
    [InlineData("3-19")]
    [InlineData("1989-90")]
    [InlineData("12/04/1989")]
    [InlineData("2021-02-30")]
    [InlineData("2021-3-1")]
    public void Partial_or_ambiguous_dates_are_text(string raw)
    {
        var r = Read($"d\n2021-01-01\n{raw}\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("d"));
        Assert.Equal(raw, r.Cell("d", 1));
    }

    [Fact]
    public void Dates_are_dates_and_dates_with_times_are_timestamps()
    {
        var r = Read("d,t\n2021-03-01,2021-03-01 10:00\n1999-12-31,2021-03-01T10:00:05.1234567\n,2021-03-01\n");
        Assert.Equal(CsvColumnType.Date, r.TypeOf("d"));
        Assert.Equal(new DateTime(1999, 12, 31), r.Cell("d", 1));
        Assert.Null(r.Cell("d", 2));
        Assert.Equal(CsvColumnType.Timestamp, r.TypeOf("t"));
        Assert.False(r.Specification["t"]!.IsUtc);
        Assert.Equal(new DateTime(2021, 3, 1, 10, 0, 5).AddTicks(1234567), r.Cell("t", 1));
        Assert.Equal(new DateTime(2021, 3, 1), r.Cell("t", 2));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)r.Cell("t", 0)!).Kind);
    }

    [Fact]
    public void Zoned_timestamps_are_converted_to_utc_and_the_column_says_so()
    {
        var r = Read("t\n2021-03-01T10:00:00Z\n2021-03-01 12:00:00+02:00\n2021-03-01 05:00-0500\n2021-03-01 10:00:00+00\n");
        Assert.Equal(CsvColumnType.Timestamp, r.TypeOf("t"));
        Assert.True(r.Specification["t"]!.IsUtc);
        var expected = new DateTime(2021, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 4; i++)
        {
            var value = (DateTime)r.Cell("t", i)!;
            Assert.Equal(expected, value);
            Assert.Equal(DateTimeKind.Utc, value.Kind);
        }

        Assert.Contains("timestamp (1): t (UTC)", r.Specification.Format(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021-03-01T10:00:00Z\n2021-03-01 10:00:00")]
    [InlineData("2021-03-01\n2021-03-01T10:00:00Z")]
    [InlineData("2021-03-01T10:00:00.12345678Z")] // finer than 100 ns would be rounded
    [InlineData("2021-03-01T25:00:00")]
    public void Zone_mixes_and_unrepresentable_times_are_text(string cells)
    {
        var r = Read($"t\n{cells}\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("t"));
        Assert.Equal(cells.Split('\n'), Enumerable.Range(0, (int)r.Specification.RowCount).Select(i => (string?)r.Cell("t", i)));
    }

    [Fact]
    public void Booleans_are_true_false_t_f_in_any_case_and_0_1_are_integers()
    {
        var r = Read("b,n\nTRUE,0\nf,1\nFalse,1\nt,0\n");
        Assert.Equal(CsvColumnType.Boolean, r.TypeOf("b"));
        Assert.Equal(new object?[] { true, false, false, true }, Enumerable.Range(0, 4).Select(i => r.Cell("b", i)));
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("n"));
    }

    [Fact]
    public void Boolean_mixed_with_anything_else_is_text_with_exact_cells()
    {
        var r = Read("b\ntrue\n1\nF\n");
        Assert.Equal(CsvColumnType.Text, r.TypeOf("b"));
        Assert.Equal(new object?[] { "true", "1", "F" }, Enumerable.Range(0, 3).Select(i => r.Cell("b", i)));
    }

    [Fact]
    public void Text_cells_keep_their_exact_characters_after_late_promotion()
    {
        var r = Read("v\n1.50\n6e+05\n-0\n1E-3\nx\n");
        Assert.Equal(new object?[] { "1.50", "6e+05", "-0", "1E-3", "x" }, Enumerable.Range(0, 5).Select(i => r.Cell("v", i)));
    }

    // 18, 19: byte order marks.
    [Fact]
    public async Task Row18_utf8_bom_before_a_quoted_header_is_dropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("\"foo\",\"bar\"\n1,2\n")).ToArray();
        var r = await CsvFrameReader.ReadAsync(new MemoryStream(bytes));
        Assert.Equal(new[] { "foo", "bar" }, r.Frame.Columns.Select(c => c.Name));
        var trickled = await CsvTestSupport.ReadTrickledAsync(bytes, 1);
        Assert.Equal("foo", trickled.Frame.Columns[0].Name);
    }

    [Fact]
    public void Row19_decoded_text_starting_with_U_FEFF_drops_it()
    {
        var r = Read("\uFEFF\"foo\",bar\n1,2\n");
        Assert.Equal(new[] { "foo", "bar" }, r.Frame.Columns.Select(c => c.Name));
        Assert.Equal(1L, r.Cell("foo", 0));
    }

    // 20, 23: big bodies, embedded newlines, long records.
    [Fact]
    public void Row20_many_quoted_fields_with_embedded_newlines_all_survive()
    {
        var sb = new StringBuilder("id,text,n\n");
        for (int i = 0; i < 20000; i++) sb.Append(i).Append(",\"line one\r\nline \"\"two\"\"\nthree,").Append(i).Append("\",").Append(i % 7).Append('\n');
        var r = CsvFrameReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())), new CsvReadOptions { BufferSize = 128 });
        Assert.Equal(20000, r.Specification.RowCount);
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("id"));
        Assert.Equal("line one\r\nline \"two\"\nthree,19999", r.Cell("text", 19999));
        Assert.Equal(19999L % 7, r.Cell("n", 19999));
    }

    [Fact]
    public void Row23_a_record_of_many_kilobytes_parses_with_a_small_buffer()
    {
        var big = new string('x', 50_000) + "\"\"," + new string('y', 30_000);
        var r = Read($"a,b\n\"{big}\",1\n", new CsvReadOptions { BufferSize = 128 });
        Assert.Equal(big.Replace("\"\"", "\"", StringComparison.Ordinal), r.Cell("a", 0));
        Assert.Equal(1L, r.Cell("b", 0));
    }

    // 22: late values promote, never lost.
    [Fact]
    public void Row22_late_text_turns_the_whole_column_to_text_and_keeps_every_value()
    {
        var sb = new StringBuilder("v\n");
        for (int i = 0; i < 100_000; i++) sb.Append("1\n");
        for (int i = 0; i < 100_000; i++) sb.Append("X\n");
        for (int i = 0; i < 100_000; i++) sb.Append("1\n");
        var r = Read(sb.ToString());
        Assert.Equal(CsvColumnType.Text, r.TypeOf("v"));
        Assert.Equal(300_000, r.Frame.Rows.Count);
        var column = r.Frame.Columns["v"];
        Assert.Equal(0, column.NullCount);
        Assert.Equal("1", column[0]);
        Assert.Equal("X", column[100_000]);
        Assert.Equal("1", column[299_999]);
        Assert.Same(column[0], column[200_000]); // few distinct values share one string
    }

    // 24: see PropertyTests (every buffer size); a fixed case here.
    [Fact]
    public void Row24_quotes_and_hashes_straddling_every_buffer_boundary_parse_the_same()
    {
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 300; i++) sb.Append("\"##\"\"x").Append(new string('#', i % 13)).Append("\"\"\",").Append(i).Append('\n');
        var expected = Read(sb.ToString());
        foreach (var size in new[] { 128, 129, 131, 160, 200, 255, 256, 4096 })
        {
            var r = Read(sb.ToString(), new CsvReadOptions { BufferSize = size });
            Assert.Equal(300, r.Specification.RowCount);
            for (int i = 0; i < 300; i++) Assert.Equal(expected.Cell("a", i), r.Cell("a", i));
        }

        Assert.Equal("##\"x" + new string('#', 5) + "\"", expected.Cell("a", 5));
    }

    // 26: short rows kept, nulls, problem.
    [Fact]
    public void Row26_short_row_is_kept_with_nulls_and_reported()
    {
        var r = Read("a,b,c\n1,2,3\n4\n5,6,7\n");
        Assert.Equal(3, r.Specification.RowCount);
        Assert.Equal(4L, r.Cell("a", 1));
        Assert.Null(r.Cell("b", 1));
        Assert.Null(r.Cell("c", 1));
        Assert.Equal(new CsvProblem(2, 3, null, "3 fields", "1 fields"), Assert.Single(r.Problems));
    }

    [Fact]
    public void Short_row_in_strict_mode_is_an_error_naming_the_row()
    {
        var e = Assert.Throws<CsvDataException>(() => Read("a,b\n1,2\n3\n", new CsvReadOptions { Strict = true }));
        Assert.Equal(2, e.Row);
        Assert.Equal(3, e.Line);
    }
}
