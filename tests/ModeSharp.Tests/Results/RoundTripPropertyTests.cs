using System.Globalization;
using System.Text;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>
/// Random tables written as CSV (random quoting, embedded separators and newlines, characters beyond the BMP,
/// empty cells, long fields) read back to the same cells and the same types, whether the stream yields one byte
/// at a time or everything at once, and for many tokenizer buffer sizes. Seeded, so a failure names its seed.
/// </summary>
public class RoundTripPropertyTests
{
    private const int Cases = 150;

    private static readonly CsvColumnType[] Generated =
        [CsvColumnType.Integer, CsvColumnType.Double, CsvColumnType.Boolean, CsvColumnType.Date, CsvColumnType.Timestamp, CsvColumnType.Text, CsvColumnType.Decimal];

    private static readonly string[] TextAtoms = ["a", "Z", " ", ",", "\"", "\n", "\r\n", "\r", "é", "✓", "😀", "𝄞", "NA", "#", "x\"y", "0"];

    private sealed record Table(string[] Names, CsvColumnType[] Types, object?[][] Rows);

    private static Table RandomTable(Random rng)
    {
        int columns = rng.Next(1, 6);
        int rows = rng.Next(1, 25);
        var types = Enumerable.Range(0, columns).Select(_ => Generated[rng.Next(Generated.Length)]).ToArray();
        var names = Enumerable.Range(0, columns).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture) + (rng.Next(4) == 0 ? ",\"x\"" : "")).ToArray();
        var data = new object?[rows][];
        for (int r = 0; r < rows; r++)
        {
            data[r] = new object?[columns];
            for (int c = 0; c < columns; c++)
            {
                // Row 0 always holds a value that pins the type (a fractional double, a word for text).
                bool nullable = r > 0 && rng.Next(6) == 0;
                data[r][c] = nullable ? null : Value(rng, types[c], pin: r == 0);
            }
        }

        return new Table(names, types, data);
    }

    private static object Value(Random rng, CsvColumnType type, bool pin) => type switch
    {
        CsvColumnType.Integer => rng.Next(3) == 0 ? rng.NextInt64(long.MinValue, long.MaxValue) : (long)rng.Next(-1000, 1000),
        CsvColumnType.Double => pin ? 0.5 : Math.Round((rng.NextDouble() - 0.5) * 1e6, rng.Next(0, 6)),
        CsvColumnType.Decimal => pin ? 12345678901234567.5m : (decimal)rng.NextInt64(-1_000_000, 1_000_000) / 100m,
        CsvColumnType.Boolean => rng.Next(2) == 0,
        CsvColumnType.Date => new DateTime(rng.Next(1, 9999), rng.Next(1, 13), rng.Next(1, 29)),
        CsvColumnType.Timestamp => new DateTime(rng.Next(1, 9999), rng.Next(1, 13), rng.Next(1, 29), rng.Next(24), rng.Next(60), rng.Next(60)).AddTicks(rng.Next(10_000_000)),
        _ => RandomText(rng, pin),
    };

    private static string RandomText(Random rng, bool pin)
    {
        var sb = new StringBuilder(pin ? "w" : "");
        int atoms = rng.Next(10) == 0 ? rng.Next(500, 3000) : rng.Next(1, 8);
        for (int i = 0; i < atoms; i++) sb.Append(TextAtoms[rng.Next(TextAtoms.Length)]);
        return sb.ToString();
    }

    private static string Format(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "F",
        DateTime t when t.TimeOfDay == TimeSpan.Zero && t.Kind == DateTimeKind.Unspecified && t.Ticks % TimeSpan.TicksPerDay == 0 && t.Millisecond == 0 && t.Second == 0 && t.Minute == 0 && t.Hour == 0 && t.Ticks == t.Date.Ticks
            => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private static string ToCsv(Table table, Random rng)
    {
        var sb = new StringBuilder();
        if (rng.Next(5) == 0) sb.Append('\uFEFF');
        string[] ends = ["\n", "\r\n"]; // bare-CR record ends are refused (see TokenizingTests); bare CR in data is kept
        void Field(string s, bool first)
        {
            if (!first) sb.Append(',');
            bool mustQuote = s.Length == 0 ? false : s.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (first && s[0] == '\uFEFF');
            if (mustQuote || (s.Length > 0 && rng.Next(4) == 0)) sb.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else sb.Append(s);
        }

        for (int c = 0; c < table.Names.Length; c++) Field(table.Names[c], c == 0);
        foreach (var row in table.Rows)
        {
            sb.Append(ends[rng.Next(ends.Length)]);
            for (int c = 0; c < row.Length; c++) Field(row[c] is null ? "" : Format(row[c]!), c == 0);
        }

        // A null last cell of a one-column table is an empty last line: it needs its line end to exist at all.
        bool emptyLastLine = table.Names.Length == 1 && table.Rows[^1][0] is null;
        if (emptyLastLine || rng.Next(2) == 0) sb.Append(ends[rng.Next(ends.Length)]);
        return sb.ToString();
    }

    private static void AssertSame(Table table, CsvFrameResult result, int seed, string how)
    {
        string where = $"seed {seed}, {how}: names [{string.Join("|", result.Frame.Columns.Select(c => c.Name))}]";
        Assert.True(table.Names.SequenceEqual(result.Frame.Columns.Select(c => c.Name)), where);
        Assert.True(table.Rows.Length == result.Frame.Rows.Count, $"{where}: wrote {table.Rows.Length} rows, read {result.Frame.Rows.Count}; problems {string.Join("; ", result.Problems)}");
        for (int c = 0; c < table.Names.Length; c++)
        {
            var type = table.Types[c];
            var info = result.Specification.Columns[c];
            Assert.True(type == info.Type, $"{where}: column {c} is {info.Type}, wrote {type}");
            var column = result.Frame.Columns[c];
            for (int r = 0; r < table.Rows.Length; r++)
            {
                Assert.True(Equals(table.Rows[r][c], column[r]), $"{where}: row {r} column {c}: wrote {table.Rows[r][c]}, read {column[r]}");
            }
        }
    }

    [Fact]
    public async Task Random_tables_read_back_identically_however_the_bytes_arrive()
    {
        for (int seed = 0; seed < Cases; seed++)
        {
            var rng = new Random(seed);
            var table = RandomTable(rng);
            var csv = ToCsv(table, rng);
            var bytes = Encoding.UTF8.GetBytes(csv);

            AssertSame(table, CsvFrameReader.Parse(csv), seed, "text at once " + csv[..Math.Min(200, csv.Length)].Replace("\r", "<CR>", StringComparison.Ordinal));
            AssertSame(table, await CsvTestSupport.ReadTrickledAsync(bytes, 1), seed, "one byte at a time");

            int bufferSize = 128 + rng.Next(0, 400);
            int chunk = rng.Next(1, 64);
            var options = new CsvReadOptions { BufferSize = bufferSize, StreamBufferSize = 128 + rng.Next(0, 64) };
            AssertSame(table, await CsvTestSupport.ReadTrickledAsync(bytes, chunk, options), seed, $"buffer {bufferSize}, chunks of {chunk}");
        }
    }

    [Fact]
    public void Every_buffer_size_from_128_to_300_gives_the_same_frame()
    {
        var rng = new Random(4242);
        var table = RandomTable(rng);
        while (table.Types.All(t => t != CsvColumnType.Text)) table = RandomTable(rng);
        var csv = ToCsv(table, rng);
        for (int size = 128; size <= 300; size++)
        {
            AssertSame(table, CsvFrameReader.Parse(csv, new CsvReadOptions { BufferSize = size }), 4242, $"buffer {size}");
        }
    }
}
