using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ModeSharp.Benchmarks;

/// <summary>
/// The CSV inputs, as UTF-8 bytes in memory. The generated tables are made deterministically at start-up (same bytes on
/// every machine and run), so nothing big is committed and nothing is read from outside the repository.
/// </summary>
public static class Datasets
{
    public const string Diamonds = "diamonds";
    public const string Mixed = "mixed-1M";
    public const string TextHeavy = "text-heavy";

    public static readonly string[] All = [Diamonds, Mixed, TextHeavy];

    private static readonly Dictionary<string, byte[]> Cache = [];

    /// <summary>The bytes of a dataset, made or loaded once per process.</summary>
    public static byte[] Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var bytes))
            {
                bytes = name switch
                {
                    Diamonds => File.ReadAllBytes(RepositoryFile("samples/workspace/data/diamonds.csv")),
                    Mixed => GenerateMixed(1_000_000),
                    TextHeavy => GenerateTextHeavy(200_000),
                    _ => throw new ArgumentException($"Unknown dataset '{name}'. Known: {string.Join(", ", All)}.", nameof(name)),
                };
                Cache[name] = bytes;
            }

            return bytes;
        }
    }

    /// <summary>A file of this repository, found by walking up from the program to the directory holding ModeSharp.slnx.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModeSharp.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException($"Cannot find the repository root (ModeSharp.slnx) above {AppContext.BaseDirectory}.");
    }

    private static readonly string[] Labels =
    [
        "standard", "express", "has, a comma", "say \"hi\"", "returned", "gift wrap", "café", "back-order",
    ];

    private static readonly string[] Words =
    [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
        "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey",
        "x-ray", "yankee", "zulu", "Zürich", "naïve", "日本語", "𝄞clef", "comma,", "\"quoted\"", "semi;colon",
    ];

    /// <summary>
    /// A mixed-type results table: integers (one ≤ 15 digits, one with nulls), doubles (money and ratios), text with
    /// quotes and commas (few distinct values, and mostly-unique notes), dates, UTC timestamps, booleans, nulls.
    /// About 110 bytes a row.
    /// </summary>
    public static byte[] GenerateMixed(int rows)
    {
        var rng = new SplitMix(20260101);
        var w = new CsvBytes(rows * 112);
        w.Raw("id,customer_id,amount,ratio,quantity,label,note,day,created_at,active\n");
        var epoch = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 1; i <= rows; i++)
        {
            w.Long(i); w.Comma();
            w.Long(100_000_000_000 + rng.Next(900_000_000_000)); w.Comma();
            long cents = rng.Next(2_000_000) - 500_000;
            w.Money(cents); w.Comma();
            w.Double(Math.Round(rng.Next(1_000_000_000) / 1_000_000_007.0 * 37, 6)); w.Comma(); // ≤ 15 significant digits: a double column
            if (i % 20 != 7) w.Long(rng.Next(500)); w.Comma();
            w.Field(Labels[rng.Next(Labels.Length)]); w.Comma();
            if (i % 9 != 4) w.Field($"order {i % 100_000} for {Words[rng.Next(Words.Length)]}, ref \"{rng.Next(1_000_000)}\""); w.Comma();
            var day = epoch.AddDays(rng.Next(2500));
            w.Raw(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); w.Comma();
            var at = epoch.AddSeconds(rng.Next(200_000_000)).AddMilliseconds(i % 4 == 0 ? rng.Next(1000) : 0);
            w.Raw(at.ToString(at.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); w.Comma();
            if (i % 13 != 5) w.Raw((rng.Next(2) == 0) ? "true" : "false");
            w.NewLine();
        }

        return w.ToArray();
    }

    /// <summary>
    /// A text-heavy table: titles and multi-sentence bodies with commas, quotes, line breaks and text beyond ASCII, a
    /// low-cardinality author column, tags and URLs. Mostly strings: it measures the text path. About 270 bytes a row.
    /// </summary>
    public static byte[] GenerateTextHeavy(int rows)
    {
        var rng = new SplitMix(42);
        var w = new CsvBytes(rows * 280);
        w.Raw("id,title,body,author,tags,url\n");
        var sb = new StringBuilder();
        for (int i = 1; i <= rows; i++)
        {
            w.Long(i); w.Comma();
            w.Field(Sentence(rng, sb, 3 + rng.Next(6))); w.Comma();
            sb.Clear();
            int sentences = 2 + rng.Next(5);
            var body = new StringBuilder();
            for (int s = 0; s < sentences; s++)
            {
                body.Append(Sentence(rng, sb, 4 + rng.Next(10)));
                body.Append(rng.Next(8) == 0 ? "\n" : ". ");
            }

            w.Field(body.ToString()); w.Comma();
            w.Field("author_" + rng.Next(300).ToString(CultureInfo.InvariantCulture)); w.Comma();
            w.Field(string.Join(';', Words[rng.Next(Words.Length)], Words[rng.Next(Words.Length)])); w.Comma();
            w.Raw($"https://example.com/posts/{i}?ref={rng.Next(100000)}");
            w.NewLine();
        }

        return w.ToArray();
    }

    private static string Sentence(SplitMix rng, StringBuilder sb, int words)
    {
        sb.Clear();
        for (int k = 0; k < words; k++)
        {
            if (k > 0) sb.Append(' ');
            sb.Append(Words[rng.Next(Words.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>A tiny deterministic generator (SplitMix64): the same numbers on every runtime, unlike System.Random's seeding.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public long Next(long bound)
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (long)(z % (ulong)bound);
        }

        public int Next(int bound) => (int)Next((long)bound);
    }

    /// <summary>Writes RFC 4180 CSV as UTF-8: quotes a field only when it holds a comma, quote, CR or LF.</summary>
    private sealed class CsvBytes(int capacity)
    {
        private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");
        private readonly ArrayBufferWriter<byte> _out = new(capacity);

        public void Comma() => Raw(",");

        public void NewLine() => Raw("\n");

        public void Raw(string s)
        {
            var span = _out.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
            _out.Advance(Encoding.UTF8.GetBytes(s, span));
        }

        public void Long(long v)
        {
            var span = _out.GetSpan(24);
            v.TryFormat(span, out int n, default, CultureInfo.InvariantCulture);
            _out.Advance(n);
        }

        public void Money(long cents)
        {
            var span = _out.GetSpan(32);
            Utf8.TryWrite(span, CultureInfo.InvariantCulture, $"{cents / 100m:0.00}", out int n);
            _out.Advance(n);
        }

        public void Double(double v)
        {
            var span = _out.GetSpan(32);
            v.TryFormat(span, out int n, "R", CultureInfo.InvariantCulture);
            _out.Advance(n);
        }

        public void Field(string s)
        {
            if (s.AsSpan().IndexOfAny(Special) < 0)
            {
                Raw(s);
                return;
            }

            Raw("\"");
            Raw(s.Replace("\"", "\"\"", StringComparison.Ordinal));
            Raw("\"");
        }

        public byte[] ToArray() => _out.WrittenSpan.ToArray();
    }
}
