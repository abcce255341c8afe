using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModeSharp.Benchmarks;

/// <summary>
/// The reader against its baselines on the same bytes, one BenchmarkDotNet run: <c>SylvanRaw</c> is the ratio's baseline
/// (the tokenizer alone, the practical limit), so <c>Ratio</c> of ModeSharp is "times slower than the raw pass" and the
/// ratio of LoadCsv over ModeSharp is how much faster we are than the obvious alternative.
/// </summary>
[Config(typeof(Config))]
public class ReaderBenchmarks
{
    private byte[] _bytes = [];

    /// <summary>Every dataset, or those listed in <c>BENCH_DATASETS</c> (comma-separated), e.g. <c>mixed-1M</c> for the headline run alone.</summary>
    public static IEnumerable<string> DatasetNames =>
        Environment.GetEnvironmentVariable("BENCH_DATASETS") is { Length: > 0 } only ? only.Split(',', StringSplitOptions.TrimEntries) : Datasets.All;

    [ParamsSource(nameof(DatasetNames))]
    public string Dataset { get; set; } = Datasets.Diamonds;

    [GlobalSetup]
    public void Setup() => _bytes = Datasets.Get(Dataset);

    [Benchmark(Baseline = true)]
    public long SylvanRaw() => Contenders.SylvanRaw(_bytes);

    [Benchmark]
    public object ModeSharp() => Contenders.ModeSharp(_bytes);

    [Benchmark]
    public Task<ModeSharp.Results.CsvFrameResult> ModeSharpAsync() => Contenders.ModeSharpAsync(_bytes);

    [Benchmark]
    public object ModeSharpOneThread() => Contenders.ModeSharpOneThread(_bytes);

    [Benchmark]
    public object LoadCsv() => Contenders.LoadCsv(_bytes);

    [Benchmark]
    public object CsvHelper() => Contenders.CsvHelperRecords(Dataset, _bytes);

    /// <summary>
    /// In-process (the repository's strict build settings would otherwise apply to BenchmarkDotNet's generated project),
    /// few iterations (LoadCsv takes seconds per operation on the big tables), allocations, MB/s.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(6)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("Reader"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(new MegabytesPerSecondColumn());
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }
}

/// <summary>MB/s of CSV (10^6 bytes of UTF-8 input per second), from the dataset's size and the mean time.</summary>
public sealed class MegabytesPerSecondColumn : IColumn
{
    public string Id => "MBps";
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6 bytes) of CSV read per second, from the mean";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        var dataset = benchmarkCase.Parameters["Dataset"] as string;
        if (stats is null || dataset is null) return "-";
        double seconds = stats.Mean / 1e9;
        return (Datasets.Get(dataset).Length / seconds / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
