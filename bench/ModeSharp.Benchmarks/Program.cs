using BenchmarkDotNet.Running;
using ModeSharp.Benchmarks;

// quick       — the short run behind bench/run.sh: Stopwatch timings, ratios against the baselines, end to end.
// e2e-child   — one end-to-end measurement in a fresh process (for its peak working set); started by quick/e2e.
// records     — the streaming CsvRecordReader<T> against CsvHelper and the raw tokenizer (RecordsRun).
// anything else is handed to BenchmarkDotNet (e.g. --filter '*' for the full reader run).
return args.FirstOrDefault() switch
{
    "quick" => await QuickRun.RunAsync(args[1..]),
    "e2e" => await EndToEnd.RunAllAsync(args[1..]),
    "e2e-child" => await EndToEnd.ChildAsync(args[1..]),
    "stages" => Stages.Run(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "records" => RecordsRun.Run(args[1..]),
    "loop" => Loop(args[1], Enum.Parse<Contenders.Kind>(args[2]), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Run(args),
};

// loop DATASET KIND N — reads one dataset N times with one contender: a steady workload to attach a profiler to.
static int Loop(string dataset, Contenders.Kind kind, int times)
{
    var bytes = Datasets.Get(dataset);
    for (int i = 0; i < times; i++)
    {
        GC.Collect();
        var pause = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        GC.KeepAlive(Contenders.Run(kind, dataset, bytes));
        sw.Stop();
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{kind} {dataset}: {sw.Elapsed.TotalMilliseconds:F0} ms (cpu {cpu.TotalMilliseconds:F0} ms), {bytes.Length / sw.Elapsed.TotalSeconds / 1e6:F0} MB/s; GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, collections {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
    }

    return 0;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ReaderBenchmarks).Assembly).Run(args);
    return 0;
}
