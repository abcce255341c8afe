using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// Every dataset of the sample workspace reads with the types a person would expect. The expectations are
/// written down here, with the reason where it is not obvious.
/// </summary>
public class SampleWorkspaceTests
{
    public static TheoryData<string, long, string> Expectations => new()
    {
        { "diamonds.csv", 53940, "carat:double cut:text color:text clarity:text depth:double table:double price:integer x:double y:double z:double" },
        // pop turns fractional only from 2010 on (309191.211): a late value promotes the column to double.
        { "economics.csv", 574, "date:date pce:double pop:double psavert:double uempmed:double unemploy:integer" },
        // rgb like 05131D and 0033B2 must stay text; is_trans is t/f.
        { "lego_colors.csv", 177, "id:integer name:text rgb:text is_trans:boolean" },
        { "lego_parts.csv", 31177, "part_num:text name:text part_cat_id:integer" },
        // set_num like 00-1 is text; names hold quoted commas.
        { "lego_sets.csv", 14233, "set_num:text name:text year:integer theme_id:integer num_parts:integer" },
        { "msleep.csv", 83, "name:text genus:text vore:text order:text conservation:text sleep_total:double sleep_rem:double sleep_cycle:double awake:double brainwt:double bodywt:double" },
        { "penguins.csv", 344, "species:text island:text bill_length_mm:double bill_depth_mm:double flipper_length_mm:integer body_mass_g:integer sex:text year:integer" },
        { "presidential.csv", 12, "name:text start:date end:date party:text" },
        { "starwars.csv", 87, "name:text height:integer mass:double hair_color:text skin_color:text eye_color:text birth_year:double sex:text gender:text homeworld:text species:text" },
        { "storms.csv", 11859, "name:text observed_at:timestamp(UTC) lat:double long:double status:text category:integer wind:integer pressure:integer tropicalstorm_force_diameter:integer hurricane_force_diameter:integer" },
        // date is a fractional year written with 17 significant digits (2000.0833333333333): more than a double is
        // trusted to keep, so by the rules it is decimal, exact to the digit.
        { "txhousing.csv", 8602, "city:text year:integer month:integer sales:integer volume:integer median:integer listings:integer inventory:double date:decimal" },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Dataset_reads_with_the_expected_types(string file, long rows, string types)
    {
        var path = CsvTestSupport.SampleDataFile(file);
        await using var stream = File.OpenRead(path);
        var r = await CsvFrameReader.ReadAsync(stream);

        Assert.Equal(rows, r.Specification.RowCount);
        Assert.Equal(rows, r.Frame.Rows.Count);
        var actual = string.Join(" ", r.Specification.Columns.Select(c => $"{c.Name}:{c.TypeName}{(c.IsUtc ? "(UTC)" : "")}"));
        Assert.Equal(types, actual);
        Assert.Empty(r.Problems);
        Assert.Empty(r.Specification.RenamedHeaders);
    }

    [Fact]
    public async Task Storms_values_are_exact_and_missing_diameters_are_null()
    {
        var path = CsvTestSupport.SampleDataFile("storms.csv");
        await using var stream = File.OpenRead(path);
        var r = await CsvFrameReader.ReadAsync(stream);
        Assert.Equal(new DateTime(1975, 6, 27, 0, 0, 0, DateTimeKind.Utc), r.Cell("observed_at", 0));
        Assert.Equal(27.5, r.Cell("lat", 0));
        Assert.Equal(-1L, r.Cell("category", 0));
        Assert.Null(r.Cell("hurricane_force_diameter", 0));
    }
}
