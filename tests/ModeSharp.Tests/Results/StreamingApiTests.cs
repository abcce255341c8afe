using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

public class StreamingApiTests
{
    private const string Lego = "set_num,name,year,num_parts,is_trans,released_on\n00-1,\"Weetabix Castle\",1970,471,f,1970-01-02\n001-1,Gears,1965,,T,\n";

    private sealed class LegoSet
    {
        public string SetNum { get; set; } = "";
        public string? Name { get; init; }
        public int Year { get; set; }
        public long? NumParts { get; set; }
        public bool IsTrans { get; set; }
        public DateOnly? ReleasedOn { get; set; }
    }

    [Fact]
    public async Task Records_map_snake_case_columns_to_pascal_case_properties()
    {
        var sets = new List<LegoSet>();
        await foreach (var set in CsvRecordReader.ReadAsync<LegoSet>(new StringReader(Lego))) sets.Add(set);
        Assert.Equal(2, sets.Count);
        Assert.Equal("00-1", sets[0].SetNum);
        Assert.Equal("Weetabix Castle", sets[0].Name);
        Assert.Equal(1970, sets[0].Year);
        Assert.Equal(471L, sets[0].NumParts);
        Assert.Null(sets[1].NumParts);
        Assert.True(sets[1].IsTrans);
        Assert.Equal(new DateOnly(1970, 1, 2), sets[0].ReleasedOn);
        Assert.Null(sets[1].ReleasedOn);
    }

    private sealed class Strict
    {
        public int NumParts { get; set; }
    }

    [Fact]
    public async Task Null_into_a_non_nullable_property_is_a_located_error()
    {
        var e = await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync<Strict>(new StringReader(Lego))) { }
        });
        Assert.Equal(2, e.Row);
        Assert.Equal("num_parts", e.Column);
    }

    private sealed class Missing
    {
        public string? Colour { get; set; }
    }

    [Fact]
    public async Task Property_without_a_column_is_an_error_listing_the_columns()
    {
        var e = await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync<Missing>(new StringReader(Lego))) { }
        });
        Assert.Contains("Colour", e.Message, StringComparison.Ordinal);
        Assert.Contains("set_num", e.Message, StringComparison.Ordinal);
    }

    private sealed class Year
    {
        public int Year2 { get; set; }
    }

    [Fact]
    public async Task Value_that_does_not_parse_stops_the_stream_with_row_column_and_raw_text()
    {
        var e = await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync<Year>(new StringReader("year_2\n2020\n20x0\n"))) { }
        });
        Assert.Equal(2, e.Row);
        Assert.Equal(3, e.Line);
        Assert.Equal("year_2", e.Column);
        Assert.Equal("20x0", e.RawValue);
        Assert.Equal("integer", e.Expected);
    }

    [Fact]
    public void Data_reader_uses_declared_types_and_text_for_the_rest()
    {
        var options = new CsvReadOptions
        {
            ColumnTypes = new Dictionary<string, CsvColumnType>
            {
                ["year"] = CsvColumnType.Integer,
                ["num_parts"] = CsvColumnType.Double,
                ["is_trans"] = CsvColumnType.Boolean,
                ["released_on"] = CsvColumnType.Date,
            },
        };
        using var reader = CsvTypedDataReader.Open(new StringReader(Lego), options);
        Assert.Equal(6, reader.FieldCount);
        Assert.Equal(typeof(string), reader.GetFieldType(0));
        Assert.Equal(typeof(long), reader.GetFieldType(reader.GetOrdinal("year")));
        Assert.Equal("double", reader.GetDataTypeName(3));

        Assert.True(reader.Read());
        Assert.Equal("00-1", reader.GetString(0));
        Assert.Equal(1970L, reader.GetInt64(2));
        Assert.Equal(471d, reader.GetDouble(3));
        Assert.False(reader.GetBoolean(4));
        Assert.Equal(new DateTime(1970, 1, 2), reader.GetDateTime(5));

        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(3));
        Assert.Equal(DBNull.Value, reader.GetValue(3));
        Assert.True(reader.GetBoolean(4));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Data_reader_loads_into_a_DataTable()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["year"] = CsvColumnType.Integer } };
        using var reader = CsvTypedDataReader.Open(new StringReader(Lego), options);
        var table = new System.Data.DataTable();
        table.Load(reader);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(1965L, table.Rows[1]["year"]);
    }

    [Fact]
    public void Data_reader_gives_nulls_for_short_rows_and_refuses_extra_fields()
    {
        using var reader = CsvTypedDataReader.Open(new StringReader("a,b\n1\n1,2,3\n"));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(1));
        var e = Assert.Throws<CsvDataException>(() => reader.Read());
        Assert.Equal(2, e.Row);
    }
}
