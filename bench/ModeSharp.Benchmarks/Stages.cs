using System.Diagnostics;
using ModeSharp.Results;

namespace ModeSharp.Benchmarks;

/// <summary>
/// Where the reader's time goes, stage by stage, on one dataset (a profiling aid, not a benchmark): the record source
/// alone, then classifying every cell, then the full read; then the record loop with no column built ("none"), with
/// one column built at a time ("only …": the difference to "none" is that column's cost), and the fields read but not
/// built. Differences between stages are each stage's cost. Best CPU time of the rounds (10 ms granularity).
/// <c>stages synthetic N</c> times the column builder alone (1M integer cells, no tokenizer) N times, in ns per cell.
/// </summary>
public static class Stages
{
    public static int Run(string dataset, int rounds)
    {
        if (dataset == "synthetic")
        {
            for (int r = 0; r < rounds; r++) Synthetic(["12345", "678", "9012345"]);
            return 0;
        }

        var bytes = Datasets.Get(dataset);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 0, Array.IndexOf(bytes, (byte)'\n')).Split(',');
        (string Name, Func<byte[], long> Body)[] stages =
        [
            ("sylvan raw", b => Contenders.SylvanRaw(b)),
            ("record source", SourceOnly),
            ("+ classify", Classify),
            ("strings only", Strings),
            ("+ build typed", b => Build(b, n => n is not ("label" or "note" or "title" or "body" or "author" or "tags" or "url" or "cut" or "color" or "clarity"))),
            ("+ build all", b => Build(b, n => true)),
            ("full read", b => Contenders.ModeSharp(b).Frame.Rows.Count),
            ("none", b => Build(b, n => false)),
            .. header.Select(h => ($"only {h}", (Func<byte[], long>)(b => Build(b, n => n == h)))),
            ("fields 0-4 read", b => SourceFields(b, 5)),
            ("builder int x1M", _ => Synthetic(["12345", "678", "9012345"])),
            ("builder money x1M", _ => Synthetic(["123.45", "-12.30", "9876.05"])),
            ("builder ts x1M", _ => Synthetic(["2024-01-02T03:04:05Z", "2024-11-02T13:04:05.123Z"])),
        ];
        var best = new double[stages.Length];
        Array.Fill(best, double.MaxValue);
        for (int r = 0; r < rounds; r++)
        {
            for (int s = 0; s < stages.Length; s++)
            {
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                GC.KeepAlive(stages[s].Body(bytes));
                best[s] = Math.Min(best[s], (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
        }

        for (int s = 0; s < stages.Length; s++) Console.WriteLine($"{stages[s].Name,-18} best cpu {best[s],7:F0} ms  {bytes.Length / best[s] / 1e3,6:F0} MB/s(cpu)");
        return 0;
    }

    private static long SourceOnly(byte[] bytes)
    {
        var options = CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(new MemoryStream(bytes), options);
        using var source = CsvRecordSource.Open(text, options);
        long total = 0;
        while (source.Read())
        {
            for (int i = 0; i < source.FieldCount; i++) total += source[i].Length;
        }

        return total;
    }

    private static long SourceFields(byte[] bytes, int fields)
    {
        var options = CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(new MemoryStream(bytes), options);
        using var source = CsvRecordSource.Open(text, options);
        long total = 0;
        while (source.Read())
        {
            for (int i = 0; i < fields; i++) total += source[i].Length;
        }

        return total;
    }

    /// <summary>One column builder fed 1M cells in turn from <paramref name="cells"/>, ten times: its own cost per cell, appends alone and with the build.</summary>
    private static long Synthetic(string[] cells)
    {
        var context = new ReadContext(CsvReadOptions.Default);
        var appends = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        long length = 0;
        for (int r = 0; r < 10; r++)
        {
            var builder = new ColumnBuilder("c", null, context);
            var start = total.Elapsed;
            for (int i = 0, j = 0; i < 1_000_000; i++)
            {
                builder.Append(cells[j], false);
                if (++j == cells.Length) j = 0;
            }

            appends += total.Elapsed - start;
            length += builder.Build().Column.Length;
        }

        Console.WriteLine($"    builder on {cells[0]}, …: appends {appends.TotalMilliseconds / 10:F1} ns/cell, with the build {total.Elapsed.TotalMilliseconds / 10:F1} ns/cell");
        return length;
    }

    private static long Build(byte[] bytes, Func<string, bool> include)
    {
        var options = CsvReadOptions.Default;
        var context = new ReadContext(options);
        using var text = CsvRecordSource.Decode(new MemoryStream(bytes), options);
        using var source = CsvRecordSource.Open(text, options);
        source.Read();
        var builders = Enumerable.Range(0, source.FieldCount).Select(i => new ColumnBuilder("c" + i, null, context)).ToArray();
        var textColumns = new bool[builders.Length];
        for (int i = 0; i < builders.Length; i++) textColumns[i] = !include(source[i].ToString());

        while (source.Read())
        {
            for (int i = 0; i < source.FieldCount; i++)
            {
                if (!textColumns[i]) builders[i].Append(source[i], false);
            }
        }

        long total = 0;
        foreach (var b in builders) total += b.Build().Column.Length;
        return total;
    }

    private static long Strings(byte[] bytes)
    {
        var options = CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(new MemoryStream(bytes), options);
        using var source = CsvRecordSource.Open(text, options);
        source.Read();
        var lists = Enumerable.Range(0, source.FieldCount).Select(i => new List<string>()).ToArray();
        while (source.Read())
        {
            for (int i = 0; i < source.FieldCount; i++)
            {
                var cell = source[i];
                if (cell.Length > 20) lists[i].Add(new string(cell));
            }
        }

        return lists.Sum(l => l.Count);
    }

    private static long Classify(byte[] bytes)
    {
        var options = CsvReadOptions.Default;
        using var text = CsvRecordSource.Decode(new MemoryStream(bytes), options);
        using var source = CsvRecordSource.Open(text, options);
        long total = 0;
        while (source.Read())
        {
            for (int i = 0; i < source.FieldCount; i++)
            {
                var cell = source[i];
                if (!cell.IsEmpty) total += (int)CellParser.Classify(cell, out long v) + v;
            }
        }

        return total;
    }
}
