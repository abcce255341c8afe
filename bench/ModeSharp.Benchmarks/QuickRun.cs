using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace ModeSharp.Benchmarks;

/// <summary>
/// The short run behind <c>bench/run.sh</c>: every contender on every dataset in one process, timed with a Stopwatch
/// (best of a few runs after a warm-up), with the bytes each allocated, then a table of ratios against the baselines
/// measured in this same run. Absolute MB/s depend on the machine and its load; the ratios are what to compare.
/// </summary>
public static class QuickRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One contender on one dataset.</summary>
    public sealed record Measurement(string Dataset, Contenders.Kind Kind, long Bytes, double BestSeconds, int Runs, long AllocatedBytes, long RetainedBytes, long PeakHeapBytes, double CpuSeconds)
    {
        public double MegabytesPerSecond => Bytes / BestSeconds / 1e6;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        bool endToEnd = !args.Contains("--no-e2e");
        var only = Option(args, "--datasets")?.Split(',') ?? Datasets.All;
        double budget = double.Parse(Option(args, "--seconds") ?? "2", Inv);

        Machine.Print();
        Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, concurrent={GCSettings.LatencyMode != GCLatencyMode.Batch}; time = best of ≥ 2 runs after a warm-up (a contender slower than 3 s: its one run); MB = 10^6 bytes");
        Console.WriteLine();

        var results = new List<Measurement>();
        foreach (var dataset in only)
        {
            var sw = Stopwatch.StartNew();
            var bytes = Datasets.Get(dataset);
            Console.WriteLine($"{dataset}: {bytes.Length / 1e6:F1} MB ({sw.Elapsed.TotalSeconds:F1} s to make)");
            foreach (var kind in Enum.GetValues<Contenders.Kind>())
            {
                var m = Measure(dataset, kind, bytes, budget);
                results.Add(m);
                Console.WriteLine($"  {kind,-18} {m.BestSeconds * 1000,9:F1} ms  {m.MegabytesPerSecond,7:F0} MB/s  cpu {m.CpuSeconds * 1000,7:F0} ms  alloc {m.AllocatedBytes / 1e6,8:F1} MB  result {m.RetainedBytes / 1e6,7:F1} MB  peak heap +{m.PeakHeapBytes / 1e6,7:F1} MB  ({m.Runs} runs)");
            }
        }

        Console.WriteLine();
        PrintRatios(results);

        if (endToEnd)
        {
            Console.WriteLine();
            // The end-to-end switches given to run.sh go through (--variants, --alone, --pipeline-ab).
            string[] e2eArgs = ["--quick", .. args.Where(a => a is "--variants" or "--alone" or "--pipeline-ab")];
            await EndToEnd.RunAllAsync(e2eArgs).ConfigureAwait(false);
        }

        return 0;
    }

    public static void PrintRatios(IReadOnlyList<Measurement> results)
    {
        Console.WriteLine("Ratios in this run (ModeSharp = CsvFrameReader.Read from a MemoryStream: tokenizing on a second thread for large inputs; one thread = the same held to one thread; CPU = process CPU time of that run):");
        Console.WriteLine("| dataset | MB | ModeSharp MB/s | one thread MB/s | × LoadCsv | × LoadCsv, one thread | × LoadCsv in CPU time | × CsvHelper | ModeSharp ÷ raw Sylvan | one thread ÷ raw Sylvan | async ÷ sync | alloc ÷ input | targets (mixed: ≥ 200 MB/s on one thread, ≥ 10× LoadCsv, ≤ 3× raw) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var group in results.GroupBy(r => r.Dataset))
        {
            var by = group.ToDictionary(r => r.Kind);
            var ms = by[Contenders.Kind.ModeSharp];
            var one = by[Contenders.Kind.ModeSharpOneThread];
            var load = by[Contenders.Kind.LoadCsv];
            double vsLoad = load.BestSeconds / ms.BestSeconds;
            double vsLoadOne = load.BestSeconds / one.BestSeconds;
            double vsLoadCpu = load.CpuSeconds / ms.CpuSeconds;
            double vsHelper = by[Contenders.Kind.CsvHelper].BestSeconds / ms.BestSeconds;
            double raw = by[Contenders.Kind.SylvanRaw].BestSeconds;
            double vsRaw = ms.BestSeconds / raw;
            double oneVsRaw = one.BestSeconds / raw;
            double async = by[Contenders.Kind.ModeSharpAsync].BestSeconds / ms.BestSeconds;
            string verdict = group.Key == Datasets.Mixed
                ? $"{Mark(one.MegabytesPerSecond >= 200)} MB/s, {Mark(vsLoad >= 10)} LoadCsv ({Mark(vsLoadOne >= 10)} on one thread), {Mark(vsRaw <= 3)} raw ({Mark(oneVsRaw <= 3)} on one thread)"
                : "(informative)";
            Console.WriteLine($"| {group.Key} | {ms.Bytes / 1e6:F1} | {ms.MegabytesPerSecond:F0} | {one.MegabytesPerSecond:F0} | {vsLoad:F1} | {vsLoadOne:F1} | {vsLoadCpu:F1} | {vsHelper:F1} | {vsRaw:F2} | {oneVsRaw:F2} | {async:F2} | {(double)ms.AllocatedBytes / ms.Bytes:F2} | {verdict} |");
        }
    }

    private static string Mark(bool ok) => ok ? "met" : "NOT met";

    public static Measurement Measure(string dataset, Contenders.Kind kind, byte[] bytes, double budgetSeconds)
    {
        // A warm-up run (JIT, tiering), then best of at least two runs within the budget. A contender whose warm-up
        // takes longer than SlowSeconds (LoadCsv, CsvHelper on the big tables) is measured by that one run: its JIT
        // is a fraction of a percent of it, and repeating it would blow the run's time limit.
        const double SlowSeconds = 3;
        Settle();
        var first = Timed(kind, dataset, bytes);
        if (first.Seconds > SlowSeconds)
        {
            return new Measurement(dataset, kind, bytes.Length, first.Seconds, 1, first.Allocated, first.Retained, first.PeakHeap, first.Cpu);
        }

        double best = double.MaxValue, bestCpu = double.NaN;
        int runs = 0;
        var last = first;
        var clock = Stopwatch.StartNew();
        while (runs < 2 || (clock.Elapsed.TotalSeconds < budgetSeconds && runs < 8))
        {
            Settle();
            last = Timed(kind, dataset, bytes);
            if (last.Seconds < best)
            {
                best = last.Seconds;
                bestCpu = last.Cpu;
            }

            runs++;
        }

        return new Measurement(dataset, kind, bytes.Length, best, runs, last.Allocated, last.Retained, last.PeakHeap, bestCpu);
    }

    private static (double Seconds, long Allocated, long Retained, long PeakHeap, double Cpu) Timed(Contenders.Kind kind, string dataset, byte[] bytes)
    {
        long heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new HeapPeakSampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        object result = Contenders.Run(kind, dataset, bytes);
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long peakHeap = peak.Stop() - heapBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(result);
        return (sw.Elapsed.TotalSeconds, allocated, Math.Max(0, retained), Math.Max(0, peakHeap), cpu.TotalSeconds);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Polls the managed heap size every millisecond on a background thread: an approximate peak (a sample can miss a short spike).</summary>
    private sealed class HeapPeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public HeapPeakSampler()
        {
            _peak = GC.GetTotalMemory(false);
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    long now = GC.GetTotalMemory(false);
                    if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                    Thread.Sleep(1);
                }
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false));
        }

        public void Dispose() => Stop();
    }
}

/// <summary>The machine a run happened on, printed at the top of every run.</summary>
public static class Machine
{
    public static void Print()
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        string memory = "unknown";
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            memory = $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }

        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {cpu} · {memory} RAM · load {load} · .NET {Environment.Version} · {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    }
}
