using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>How CsvRecordReader fills the properties of a caller's record type: every supported type, record shapes, errors.</summary>
public class RecordMappingTests
{
    private static async Task<List<T>> ReadAllAsync<T>(string csv, CsvReadOptions? options = null)
        where T : new()
    {
        var items = new List<T>();
        await foreach (var item in CsvRecordReader.ReadAsync<T>(new StringReader(csv), options)) items.Add(item);
        return items;
    }

    private static async Task<CsvDataException> ReadErrorAsync<T>(string csv)
        where T : new() =>
        await Assert.ThrowsAsync<CsvDataException>(() => ReadAllAsync<T>(csv));

    private sealed class EveryType
    {
        public string Text { get; set; } = "";
        public long Int64 { get; set; }
        public int Int32 { get; set; }
        public short Int16 { get; set; }
        public double Double { get; set; }
        public float Single { get; set; }
        public decimal Decimal { get; set; }
        public bool Boolean { get; set; }
        public DateOnly Date { get; set; }
        public DateTime Timestamp { get; set; }
        public DateTimeOffset Offset { get; set; }
    }

    private const string EveryTypeHeader = "text,int_64,int_32,int_16,double,single,decimal,boolean,date,timestamp,offset\n";

    [Fact]
    public async Task Every_supported_property_type_round_trips()
    {
        var rows = await ReadAllAsync<EveryType>(EveryTypeHeader +
            "\"a, \"\"quoted\"\" b\",-9223372036854775808,-2147483648,-32768,1.5e-3,0.25,12345678901234567890.123,TRUE,2024-02-29,2024-02-29T23:59:59.1234567Z,2024-03-01 10:00+02:00\n" +
            "z,9223372036854775807,2147483647,32767,-0,-1E10,-0.5,f,0001-01-01,9999-12-31T00:00:00Z,2024-03-01T00:00:00Z\n");

        Assert.Equal(2, rows.Count);
        var r = rows[0];
        Assert.Equal("a, \"quoted\" b", r.Text);
        Assert.Equal(long.MinValue, r.Int64);
        Assert.Equal(int.MinValue, r.Int32);
        Assert.Equal(short.MinValue, r.Int16);
        Assert.Equal(0.0015, r.Double);
        Assert.Equal(0.25f, r.Single);
        Assert.Equal(12345678901234567890.123m, r.Decimal);
        Assert.True(r.Boolean);
        Assert.Equal(new DateOnly(2024, 2, 29), r.Date);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567), r.Timestamp);
        Assert.Equal(DateTimeKind.Utc, r.Timestamp.Kind);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), r.Offset);
        Assert.Equal(TimeSpan.Zero, r.Offset.Offset); // zoned values are converted to UTC

        var s = rows[1];
        Assert.Equal(long.MaxValue, s.Int64);
        Assert.Equal(int.MaxValue, s.Int32);
        Assert.Equal(short.MaxValue, s.Int16);
        Assert.True(double.IsNegative(s.Double) && s.Double == 0);
        Assert.Equal(-1e10f, s.Single);
        Assert.Equal(-0.5m, s.Decimal);
        Assert.False(s.Boolean);
        Assert.Equal(DateOnly.MinValue, s.Date);
        Assert.Equal(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), s.Timestamp);
    }

    private sealed class EveryNullable
    {
        public string? Text { get; set; } = "initial";
        public long? Int64 { get; set; } = 1;
        public int? Int32 { get; set; } = 1;
        public short? Int16 { get; set; } = 1;
        public double? Double { get; set; } = 1;
        public float? Single { get; set; } = 1;
        public decimal? Decimal { get; set; } = 1;
        public bool? Boolean { get; set; } = true;
        public DateOnly? Date { get; set; } = DateOnly.MaxValue;
        public DateTime? Timestamp { get; set; } = DateTime.MaxValue;
        public DateTimeOffset? Offset { get; set; } = DateTimeOffset.MaxValue;
    }

    [Fact]
    public async Task Nullable_properties_take_values_and_nulls_even_over_their_initializers()
    {
        var rows = await ReadAllAsync<EveryNullable>(EveryTypeHeader +
            "t,1,2,3,4.5,5.5,6.5,true,2020-01-02,2020-01-02T03:04:05,2020-01-02 03:04:05\n" +
            ",,,,,,,,,,\n");

        var v = rows[0];
        Assert.Equal("t", v.Text);
        Assert.Equal(1L, v.Int64);
        Assert.Equal(2, v.Int32);
        Assert.Equal((short)3, v.Int16);
        Assert.Equal(4.5, v.Double);
        Assert.Equal(5.5f, v.Single);
        Assert.Equal(6.5m, v.Decimal);
        Assert.True(v.Boolean);
        Assert.Equal(new DateOnly(2020, 1, 2), v.Date);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), v.Timestamp);
        Assert.Equal(DateTimeKind.Unspecified, v.Timestamp!.Value.Kind); // unzoned: as written
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), v.Offset);

        var n = rows[1];
        Assert.Null(n.Text);
        Assert.Null(n.Int64);
        Assert.Null(n.Int32);
        Assert.Null(n.Int16);
        Assert.Null(n.Double);
        Assert.Null(n.Single);
        Assert.Null(n.Decimal);
        Assert.Null(n.Boolean);
        Assert.Null(n.Date);
        Assert.Null(n.Timestamp);
        Assert.Null(n.Offset);
    }

    [Theory]
    [InlineData("int_64")]
    [InlineData("double")]
    [InlineData("decimal")]
    [InlineData("boolean")]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("offset")]
    public async Task Null_into_any_non_nullable_value_property_is_a_located_error(string column)
    {
        var header = EveryTypeHeader.TrimEnd('\n').Split(',');
        var good = "x,1,2,3,4.5,5.5,6.5,true,2020-01-02,2020-01-02T03:04:05Z,2020-01-02T03:04:05Z".Split(',');
        var bad = (string[])good.Clone();
        bad[Array.IndexOf(header, column)] = "";
        var e = await ReadErrorAsync<EveryType>(EveryTypeHeader + string.Join(',', good) + "\n" + string.Join(',', bad) + "\n");
        Assert.Equal(2, e.Row);
        Assert.Equal(column, e.Column);
        Assert.Equal("", e.RawValue);
        Assert.Equal(3, e.Line);
        Assert.Contains("make it nullable", e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"CSV row 2 (line 3), column '{column}'", e.Message, StringComparison.Ordinal);
    }

    private sealed class Narrow
    {
        public int Count { get; set; }
        public short? Small { get; set; }
    }

    [Fact]
    public async Task An_integer_too_large_for_an_int_property_is_an_error_not_truncated()
    {
        var e = await ReadErrorAsync<Narrow>("count,small\n1,1\n2147483648,1\n");
        Assert.Equal(2, e.Row);
        Assert.Equal("count", e.Column);
        Assert.Equal("2147483648", e.RawValue);
        Assert.Equal("32-bit integer", e.Expected);
        Assert.IsType<OverflowException>(e.InnerException);
    }

    [Fact]
    public async Task An_overflowing_integer_error_names_row_line_column_raw_text_and_type_like_every_other_cell_error()
    {
        var e = await ReadErrorAsync<Narrow>("count,note,small\n1,\"two\nlines\",1\n02147483648,x,1\n");
        Assert.Equal(2, e.Row);
        Assert.Equal(4, e.Line);
        Assert.Equal("count", e.Column);
        Assert.Equal("02147483648", e.RawValue);
        Assert.Equal("32-bit integer", e.Expected);
        Assert.Equal("CSV row 2 (line 4), column 'count': expected 32-bit integer, found '02147483648', which does not fit.", e.Message);
    }

    [Fact]
    public async Task An_integer_too_small_for_a_short_property_is_an_error_not_truncated()
    {
        var e = await ReadErrorAsync<Narrow>("count,small\n1,-32769\n");
        Assert.Equal(1, e.Row);
        Assert.Equal("small", e.Column);
        Assert.Equal("-32769", e.RawValue);
        Assert.Equal("16-bit integer", e.Expected);
    }

    [Theory]
    [InlineData("int_64", "1.5", "integer")]
    [InlineData("int_32", "007x", "integer")]
    [InlineData("double", "1,5", "double")]
    [InlineData("decimal", "abc", "decimal")]
    [InlineData("boolean", "yes", "boolean")]
    [InlineData("date", "2021-02-29", "date")]
    [InlineData("timestamp", "2021-01-01T25:00:00Z", "timestamp")]
    public async Task A_value_that_does_not_parse_names_row_line_column_raw_text_and_type(string column, string value, string expected)
    {
        var header = EveryTypeHeader.TrimEnd('\n').Split(',');
        var cells = "x,1,2,3,4.5,5.5,6.5,true,2020-01-02,2020-01-02T03:04:05Z,2020-01-02T03:04:05Z".Split(',');
        cells[Array.IndexOf(header, column)] = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        var e = await ReadErrorAsync<EveryType>(EveryTypeHeader + "\"two\nlines\",1,2,3,4.5,5.5,6.5,true,2020-01-02,2020-01-02T03:04:05Z,2020-01-02T03:04:05Z\n" + string.Join(',', cells) + "\n");
        Assert.Equal(2, e.Row);
        Assert.Equal(4, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.RawValue);
        Assert.Equal(expected, e.Expected);
    }

    private sealed class Instants
    {
        public DateTimeOffset At { get; set; }
    }

    [Fact]
    public async Task A_timestamp_column_mixing_zoned_and_unzoned_values_is_an_error()
    {
        var e = await ReadErrorAsync<Instants>("at\n2020-01-01T00:00:00Z\n2020-01-01T00:00:00\n");
        Assert.Equal(2, e.Row);
        Assert.Equal("at", e.Column);
    }

    private sealed record InitOnly
    {
        public long Id { get; init; }
        public string? Name { get; init; }
        public DateOnly? Day { get; init; }
    }

    [Fact]
    public async Task Records_with_init_only_properties_are_filled()
    {
        var rows = await ReadAllAsync<InitOnly>("id,name,day\n1,one,2020-01-01\n2,,\n");
        Assert.Equal([new InitOnly { Id = 1, Name = "one", Day = new DateOnly(2020, 1, 1) }, new InitOnly { Id = 2 }], rows);
    }

    private sealed record Positional(long Id, string? Name, double? Score)
    {
        public Positional()
            : this(0, "unset", -1)
        {
        }
    }

    [Fact]
    public async Task Positional_records_with_a_parameterless_constructor_are_filled_through_their_init_properties()
    {
        var rows = await ReadAllAsync<Positional>("score,name,id\n0.5,ann,7\n,,8\n");
        Assert.Equal([new Positional(7, "ann", 0.5), new Positional(8, null, null)], rows);
    }

    private struct Point
    {
        public long X { get; set; }
        public double? Y { get; set; }
        public string? Label { get; set; }
    }

    [Fact]
    public async Task Struct_records_are_filled_not_left_at_their_defaults()
    {
        var rows = await ReadAllAsync<Point>("x,y,label\n1,2.5,a\n3,,\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].X);
        Assert.Equal(2.5, rows[0].Y);
        Assert.Equal("a", rows[0].Label);
        Assert.Equal(3, rows[1].X);
        Assert.Null(rows[1].Y);
        Assert.Null(rows[1].Label);
    }

    private sealed class Mixed
    {
        public long A { get; set; }
        public string? B { get; set; }
        public string? ReadOnly { get; } = "fixed";
        public string? PrivateSetter { get; private set; } = "fixed";
    }

    [Fact]
    public async Task One_type_reads_files_whose_columns_are_in_different_orders_and_skips_unmapped_columns()
    {
        var first = await ReadAllAsync<Mixed>("a,b,extra\n1,x,ignored\n");
        var second = await ReadAllAsync<Mixed>("extra,b,a\n\"not, a number\",y,2\n");
        Assert.Equal((1L, "x"), (first[0].A, first[0].B));
        Assert.Equal((2L, "y"), (second[0].A, second[0].B));
        Assert.Equal("fixed", second[0].ReadOnly);
        Assert.Equal("fixed", second[0].PrivateSetter);
    }

    [Fact]
    public async Task When_two_columns_match_a_property_the_first_one_fills_it()
    {
        var rows = await ReadAllAsync<Mixed>("a,b,A_\n1,x,2\n");
        Assert.Equal(1, rows[0].A);
    }

    private sealed class PrivSet
    {
        public long Id { get; private set; }
        public string? Name { get; set; }
    }

    private sealed class GetOnly
    {
        public string? Name { get; set; }
        public long Total => Name is null ? 0 : 42; // computed: no setter at all
    }

    private sealed record PrivateInit
    {
        public long Id { get; private init; }
    }

    [Fact]
    public async Task A_column_matching_a_property_with_a_private_setter_is_an_error_not_silently_dropped()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ReadAllAsync<PrivSet>("id,name\n5,x\n"));
        Assert.Contains("PrivSet.Id", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 'id'", e.Message, StringComparison.Ordinal);
        Assert.Contains("public setter or init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_matching_a_property_without_a_public_setter_is_an_error()
    {
        var getOnly = await Assert.ThrowsAsync<ArgumentException>(() => ReadAllAsync<GetOnly>("name,total\nx,5\n"));
        Assert.Contains("GetOnly.Total", getOnly.Message, StringComparison.Ordinal);
        Assert.Contains("column 'total'", getOnly.Message, StringComparison.Ordinal);

        var privateInit = await Assert.ThrowsAsync<ArgumentException>(() => ReadAllAsync<PrivateInit>("ID\n5\n"));
        Assert.Contains("PrivateInit.Id", privateInit.Message, StringComparison.Ordinal);
        Assert.Contains("column 'ID'", privateInit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_without_a_public_setter_and_without_a_column_is_ignored()
    {
        var rows = await ReadAllAsync<GetOnly>("name\nx\n");
        Assert.Equal("x", Assert.Single(rows).Name);
        Assert.Equal(42, rows[0].Total);
    }

    private sealed class SameKey
    {
        public long Year { get; set; }
#pragma warning disable CA1707 // the underscore is the point: it maps to the same column as Year
        public string? _year { get; set; }
#pragma warning restore CA1707
    }

    [Fact]
    public async Task Two_properties_mapping_to_one_column_are_an_error_when_the_header_is_bound()
    {
        // Header only: no row is read, so the error cannot come from converting a cell.
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ReadAllAsync<SameKey>("year\n"));
        Assert.Contains("SameKey.Year", e.Message, StringComparison.Ordinal);
        Assert.Contains("SameKey._year", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 'year'", e.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => ReadAllAsync<SameKey>("year\n2020\n"));
    }

    [Fact]
    public void Column_types_in_the_options_are_refused_at_the_call_because_the_properties_decide_them()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["a"] = CsvColumnType.Text } };
        var e = Assert.Throws<ArgumentException>(() => CsvRecordReader.ReadAsync<Mixed>(new StringReader("a,b\n1,x\n"), options));
        Assert.Contains("ColumnTypes is for CsvFrameReader/CsvTypedDataReader", e.Message, StringComparison.Ordinal);
        Assert.Equal("options", e.ParamName);
        Assert.Throws<ArgumentException>(() => CsvRecordReader.ReadAsync<Mixed>(new MemoryStream("a,b\n1,x\n"u8.ToArray()), options));
    }

    [Fact]
    public async Task Empty_column_types_in_the_options_are_accepted()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType>() };
        var rows = await ReadAllAsync<Mixed>("a,b\n1,x\n", options);
        Assert.Equal(1, Assert.Single(rows).A);
    }

    private sealed class Floats
    {
        public float Value { get; set; }
    }

    [Fact]
    public async Task A_float_property_rounds_to_the_nearest_float_as_double_to_float_does()
    {
        var rows = await ReadAllAsync<Floats>("value\n16777217\n0.1\n");
        Assert.Equal(16777216f, rows[0].Value);
        Assert.Equal((float)0.1, rows[1].Value);
    }

    private sealed class Unsupported
    {
        public Guid Id { get; set; }
    }

    [Fact]
    public async Task A_property_type_no_column_can_fill_is_refused_on_every_read()
    {
        for (int i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<NotSupportedException>(() => ReadAllAsync<Unsupported>("id\n1\n"));
            Assert.Contains("Unsupported.Id", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_values_and_quoted_empty_text_follow_the_options()
    {
        var options = new CsvReadOptions { MissingValues = ["NA"], KeepQuotedEmptyAsEmptyString = true };
        var rows = await ReadAllAsync<Mixed>("a,b\n1,\"\"\n2,NA\n3,\n", options);
        Assert.Equal(["", null, null], rows.Select(r => r.B));
    }

    [Fact]
    public async Task Byte_stream_and_text_reads_give_the_same_records()
    {
        const string csv = "\uFEFFid,name,day\n1,caf\u00e9,2020-01-01\n2,\"multi\nline\",\n";
        var fromText = await ReadAllAsync<InitOnly>(csv.TrimStart('\uFEFF'));
        var fromBytes = new List<InitOnly>();
        await foreach (var item in CsvRecordReader.ReadAsync<InitOnly>(new MemoryStream(Encoding.UTF8.GetBytes(csv)))) fromBytes.Add(item);
        Assert.Equal(fromText, fromBytes);
        Assert.Equal("multi\nline", fromBytes[1].Name);
    }

    [Fact]
    public void A_null_stream_or_reader_is_refused_at_the_call()
    {
        Assert.Throws<ArgumentNullException>(() => CsvRecordReader.ReadAsync<Mixed>((Stream)null!));
        Assert.Throws<ArgumentNullException>(() => CsvRecordReader.ReadAsync<Mixed>((TextReader)null!));
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        using var cts = new CancellationTokenSource();
        var csv = "a,b\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i},x\n"));
        int seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync<Mixed>(new StringReader(csv), cancellationToken: cts.Token))
            {
                if (++seen == 3) await cts.CancelAsync();
            }
        });
        Assert.Equal(3, seen);
    }
}
