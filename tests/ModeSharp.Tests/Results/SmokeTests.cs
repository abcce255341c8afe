using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

public class SmokeTests
{
    [Fact]
    public void Lego_colors_shape_reads_with_expected_types()
    {
        var r = CsvTestSupport.Read("id,name,rgb,is_trans\n-1,[Unknown],0033B2,f\n0,Black,05131D,t\n1,\"Blue, dark\",0055BF,f\n");
        Assert.Equal(CsvColumnType.Integer, r.TypeOf("id"));
        Assert.Equal(CsvColumnType.Text, r.TypeOf("name"));
        Assert.Equal(CsvColumnType.Boolean, r.TypeOf("is_trans"));
        Assert.Equal(-1L, r.Cell("id", 0));
        Assert.Equal("Blue, dark", r.Cell("name", 2));
        Assert.Equal(true, r.Cell("is_trans", 1));
        Assert.Equal("Rows: 3  Columns: 4\ninteger (1): id\ntext    (2): name, rgb\nboolean (1): is_trans\n", r.Specification.Format());
    }
}
