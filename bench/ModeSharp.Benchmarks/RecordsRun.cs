using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ModeSharp.Results;

namespace ModeSharp.Benchmarks;

/// <summary>
/// The streaming record path, measured against its neighbours in one process: <c>records DATASET [RUNS] [ONLY]</c>.
/// Every contender streams the rows one at a time into the typed record a user would write (see
/// <see cref="Contenders.MixedRow"/>) and folds each into a checksum, so nothing is kept and nothing can be optimised
/// away; the list-building CsvHelper run of the quick benchmark is included for reference. Reports the best wall time
/// and, because the machine is shared, the best CPU time of the process (which includes the GC's own threads),
/// allocated bytes and collections. <c>ONLY</c> runs one contender, as a steady load to attach a profiler to.
/// </summary>
public static class RecordsRun
{
    /// <summary>The contenders of this mode.</summary>
    public enum Kind
    {
        /// <summary>The tokenizer alone (the practical limit).</summary>
        SylvanRaw,

        /// <summary><see cref="CsvRecordReader.ReadAsync{T}(Stream, CsvReadOptions?, CancellationToken)"/> into typed records.</summary>
        ModeSharpRecords,

        /// <summary>CsvHelper's <c>GetRecords&lt;T&gt;</c>, enumerated one record at a time.</summary>
        CsvHelperStreaming,

        /// <summary>CsvHelper into a list, exactly as the quick run measures it.</summary>
        CsvHelperList,
    }

    public static int Run(string[] args)
    {
        string dataset = args.Length > 0 ? args[0] : Datasets.Mixed;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var kinds = args.Length > 2 ? [Enum.Parse<Kind>(args[2])] : Enum.GetValues<Kind>();

        Machine.Print();
        var bytes = Datasets.Get(dataset);
        Console.WriteLine($"{dataset}: {bytes.Length / 1e6:F1} MB; best of {runs} runs after a warm-up; MB = 10^6 bytes; cpu = process CPU time (GC threads included)");
        var best = new Dictionary<Kind, (double Wall, double Cpu)>();
        foreach (var kind in kinds)
        {
            Once(kind, dataset, bytes); // warm-up: JIT and tiering
            double wall = double.MaxValue, cpu = double.MaxValue;
            long allocated = 0;
            int gen0 = 0, gen1 = 0, gen2 = 0;
            for (int r = 0; r < runs; r++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                int c0 = GC.CollectionCount(0), c1 = GC.CollectionCount(1), c2 = GC.CollectionCount(2);
                long before = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                Once(kind, dataset, bytes);
                sw.Stop();
                cpu = Math.Min(cpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                wall = Math.Min(wall, sw.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                (gen0, gen1, gen2) = (GC.CollectionCount(0) - c0, GC.CollectionCount(1) - c1, GC.CollectionCount(2) - c2);
            }

            best[kind] = (wall, cpu);
            Console.WriteLine(
                $"  {kind,-19} wall {wall * 1000,7:F0} ms {bytes.Length / wall / 1e6,5:F0} MB/s   cpu {cpu * 1000,7:F0} ms {bytes.Length / cpu / 1e6,5:F0} MB/s   " +
                $"alloc {allocated / 1e6,8:F1} MB  GCs {gen0}/{gen1}/{gen2}");
        }

        if (best.TryGetValue(Kind.ModeSharpRecords, out var ms))
        {
            foreach (var (kind, t) in best.Where(b => b.Key != Kind.ModeSharpRecords))
            {
                Console.WriteLine($"  {kind} ÷ ModeSharpRecords: wall {t.Wall / ms.Wall:F2}×, cpu {t.Cpu / ms.Cpu:F2}×");
            }
        }

        return 0;
    }

    private static long Once(Kind kind, string dataset, byte[] bytes) => kind switch
    {
        Kind.SylvanRaw => Contenders.SylvanRaw(bytes),
        Kind.ModeSharpRecords => ModeSharpRecordsAsync(dataset, bytes).GetAwaiter().GetResult(),
        Kind.CsvHelperStreaming => CsvHelperStreaming(dataset, bytes),
        Kind.CsvHelperList => Contenders.CsvHelperRecords(dataset, bytes).Count,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static Task<long> ModeSharpRecordsAsync(string dataset, byte[] bytes) => dataset switch
    {
        Datasets.Diamonds => Fold<Contenders.Diamond>(bytes, Checksum),
        Datasets.Mixed => Fold<Contenders.MixedRow>(bytes, Checksum),
        Datasets.TextHeavy => Fold<Contenders.TextRow>(bytes, Checksum),
        _ => throw new ArgumentException($"No record type for '{dataset}'.", nameof(dataset)),
    };

    private static async Task<long> Fold<T>(byte[] bytes, Func<T, long> checksum)
        where T : new()
    {
        long total = 0;
        await foreach (var row in CsvRecordReader.ReadAsync<T>(new MemoryStream(bytes)).ConfigureAwait(false)) total += checksum(row);
        return total;
    }

    public static long CsvHelperStreaming(string dataset, byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true, 64 * 1024);
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.ToUpperInvariant().Replace("_", "", StringComparison.Ordinal) });
        return dataset switch
        {
            Datasets.Diamonds => csv.GetRecords<Contenders.Diamond>().Sum(Checksum),
            Datasets.Mixed => csv.GetRecords<Contenders.MixedRow>().Sum(Checksum),
            Datasets.TextHeavy => csv.GetRecords<Contenders.TextRow>().Sum(Checksum),
            _ => throw new ArgumentException($"No record type for '{dataset}'.", nameof(dataset)),
        };
    }

    // Touch every property, so a reader that skipped a column would change the sum.
    private static long Checksum(Contenders.Diamond d) =>
        (long)(d.Carat * 100) + d.Cut.Length + d.Color.Length + d.Clarity.Length + (long)d.Depth + (long)d.Table + d.Price + (long)(d.X + d.Y + d.Z);

    private static long Checksum(Contenders.MixedRow m) =>
        m.Id + m.CustomerId + (long)m.Amount + (long)(m.Ratio * 1000) + (m.Quantity ?? -1) + (m.Label?.Length ?? 0) + (m.Note?.Length ?? 0)
        + m.Day.Day + m.CreatedAt.Second + (m.Active is true ? 1 : 0);

    private static long Checksum(Contenders.TextRow t) =>
        t.Id + (t.Title?.Length ?? 0) + (t.Body?.Length ?? 0) + (t.Author?.Length ?? 0) + (t.Tags?.Length ?? 0) + (t.Url?.Length ?? 0);
}
