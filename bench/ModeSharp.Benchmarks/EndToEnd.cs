using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Analysis;
using ModeSharp.Emulator;
using ModeSharp.Frames;
using ModeSharp.Results;
using ModeSharp.Runs;

namespace ModeSharp.Benchmarks;

/// <summary>
/// End to end over loopback HTTP: the emulator (in this process) serves the generated report (<c>4e8f2a6c1d97</c>,
/// parameter <c>rows</c>) gzip-encoded as Mode does, and each reader runs in a fresh child process so its peak working
/// set is its own: ModeSharp's <c>ReadReportAsync</c>, the streaming <c>CsvRecordReader</c> (time to first row), and
/// the naive <c>HttpClient.GetStringAsync</c> + <c>DataFrame.LoadCsvFromString</c>. In this process, on the same
/// bytes: the reader alone (the 1.5× target's reference) and the emulator's own serving rate.
/// </summary>
public static class EndToEnd
{
    public const string Report = "4e8f2a6c1d97";
    private static bool s_quick;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAllAsync(string[] args)
    {
        bool quick = args.Contains("--quick");
        s_quick = quick;
        int[] sizes = QuickRun.Option(args, "--rows") is { } list
            ? list.Split(',').Select(s => int.Parse(s, Inv)).ToArray()
            : quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 5_000_000];
        int naiveLimit = int.Parse(QuickRun.Option(args, "--naive-max-rows") ?? (quick ? "1000000" : "5000000"), Inv);

        // Two emulators: one keeps finished exports (as Mode serves stored results, and as the emulator does by
        // default), one formats and compresses every export again (ExportCacheBytes = 0, the emulator before issue 6's
        // second round). Each child reads with read-ahead on (the default) and off, so the effect of each change is
        // measured in the same run.
        await using var emulator = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero }).ConfigureAwait(false);
        await using var uncached = await ModeEmulator.StartAsync(new EmulatorOptions { RunDuration = TimeSpan.Zero, ExportCacheBytes = 0 }).ConfigureAwait(false);
        // The before/after variants cost three more children per size: on in the full run, off in the quick one.
        bool variants = args.Contains("--variants") || (!quick && !args.Contains("--no-variants"));

        // Warm the reader in this process (JIT, tiering) so "reader alone" is a warm number at every size; past 64K
        // records, so the tokenizing pipeline is warmed too.
        var warmUp = Datasets.GenerateMixed(100_000);
        for (int i = 0; i < 6; i++) GC.KeepAlive(await CsvFrameReader.ReadAsync(new MemoryStream(warmUp)).ConfigureAwait(false));

        Console.WriteLine($"End to end: emulator on {emulator.BaseAddress} (gzip on, as Mode), report {Report}; each reader in a fresh process (cold = first read incl. JIT; warm = second read, in the full run the best of it and two more; naive: one cold read).");
        Console.WriteLine("Memory per child: base = VmRSS after the client is built, just before the first read (anon/file-backed/managed heap in brackets); above = peak VmRSS during the first read minus base (the high-water mark is reset at the start of the read); peak = whole-process VmHWM.");
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        var rows = new List<string>();
        var memoryRows = new List<string>();
        var variantRows = new List<string>();
        foreach (int n in sizes)
        {
            var (run, queryRun) = await CreateRunAsync(emulator, n).ConfigureAwait(false);
            var (uncachedRun, uncachedQueryRun) = await CreateRunAsync(uncached, n).ConfigureAwait(false);

            // The emulator's serving rate (best of two, client decoding included), and the decoded bytes for the reader-alone reference.
            var (bytes, coldSeconds, wireBytes) = await DownloadAsync(emulator, run, queryRun).ConfigureAwait(false); // fills the cache
            double cachedSeconds = double.MaxValue, cachedWireSeconds = double.MaxValue, uncachedSeconds = double.MaxValue;
            for (int i = 0; i < 2; i++)
            {
                cachedSeconds = Math.Min(cachedSeconds, (await DownloadAsync(emulator, run, queryRun).ConfigureAwait(false)).Seconds);
                cachedWireSeconds = Math.Min(cachedWireSeconds, (await DownloadAsync(emulator, run, queryRun, decode: false).ConfigureAwait(false)).Seconds);
                uncachedSeconds = Math.Min(uncachedSeconds, (await DownloadAsync(uncached, uncachedRun, uncachedQueryRun).ConfigureAwait(false)).Seconds);
            }

            emulator.Switches.GzipExports = false;
            double plainSeconds = double.MaxValue;
            for (int i = 0; i < (quick ? 1 : 2); i++) plainSeconds = Math.Min(plainSeconds, (await DownloadAsync(emulator, run, queryRun).ConfigureAwait(false)).Seconds);
            emulator.Switches.GzipExports = true;
            double mb = bytes.Length / 1e6;

            // The reader alone on the same bytes, warm (after a warm-up; best of several), in this process.
            double alone = double.MaxValue;
            for (int i = 0; i < (n <= 1_000_000 ? 3 : 2); i++)
            {
                GC.Collect();
                var sw = Stopwatch.StartNew();
                var r = await CsvFrameReader.ReadAsync(new MemoryStream(bytes)).ConfigureAwait(false);
                alone = Math.Min(alone, sw.Elapsed.TotalSeconds);
                GC.KeepAlive(r);
            }

            bytes = [];
            GC.Collect();

            string load = LoadAverage();
            var ms = await ChildAsync("modesharp", emulator, run).ConfigureAwait(false);
            ChildResult? noAhead = null, oldEmulator = null, before = null, ab = null, aloneChild = null, pipelineAb = null;
            if (variants)
            {
                noAhead = await ChildAsync("modesharp", emulator, run, readAhead: false).ConfigureAwait(false);
                oldEmulator = await ChildAsync("modesharp", uncached, uncachedRun).ConfigureAwait(false);
                before = await ChildAsync("modesharp", uncached, uncachedRun, readAhead: false).ConfigureAwait(false);
                ab = await ChildAsync("readahead-ab", emulator, run).ConfigureAwait(false);
            }

            if (variants || args.Contains("--pipeline-ab"))
            {
                pipelineAb = await ChildAsync("pipeline-ab", emulator, run).ConfigureAwait(false);
            }

            if (variants || args.Contains("--alone"))
            {
                aloneChild = await ChildAsync("alone", emulator, run).ConfigureAwait(false);
            }

            var stream = await ChildAsync("stream", emulator, run, oneRun: quick && n >= 1_000_000).ConfigureAwait(false);
            var naive = n <= naiveLimit ? await ChildAsync("naive", emulator, run).ConfigureAwait(false) : null;

            Console.WriteLine($"  {n,9:N0} rows, {mb,6:F1} MB CSV ({wireBytes / 1e6:F1} MB gzip), load {load}: emulator gzip {mb / coldSeconds,5:F0} MB/s first download, {mb / uncachedSeconds,5:F0} MB/s uncached, {mb / cachedSeconds,5:F0} MB/s cached ({mb / cachedWireSeconds:F0} MB/s of CSV on the wire, not decoded), {mb / plainSeconds,5:F0} MB/s plain; reader alone {alone:F2} s ({mb / alone:F0} MB/s)");
            Console.WriteLine($"    ModeSharp ReadReportAsync             {ms}");
            if (variants)
            {
                Console.WriteLine($"      read-ahead off                      {noAhead}");
                Console.WriteLine($"      emulator without cache              {oldEmulator}");
                Console.WriteLine($"      both off (as before)                {before}");
                Console.WriteLine($"      read-ahead off/on alternating, 4 each {ab}");
            }

            if (pipelineAb is not null) Console.WriteLine($"      read-ahead vs pipeline, alternating {pipelineAb}");
            if (aloneChild is not null) Console.WriteLine($"    reader alone, bytes preloaded         {aloneChild}");

            Console.WriteLine($"    CsvRecordReader streaming             {stream}");
            Console.WriteLine($"    naive GetString+LoadCsv               {(naive is null ? "skipped at this size (--naive-max-rows)" : naive.ToString())}");
            double warm = ms.Get("warm_s");
            rows.Add(string.Create(Inv, $"| {n:N0} | {mb:F1} | {mb / uncachedSeconds:F0} | {mb / cachedSeconds:F0} | {mb / plainSeconds:F0} | {mb / alone:F0} | {ms.Get("cold_s"):F2} / {warm:F2} | {mb / warm:F0} | {warm / alone:F2} | {warm / ms.Get("alone_s"):F2} | {ms.Get("peak_mb"):F0} | {ms.Get("frame_mb"):F0} | {stream.Get("ttfr_ms"):F0} ms | {stream.Get("peak_mb"):F0} | {(naive is null ? "—" : naive.Failed ? "failed" : $"{naive.Get("cold_s"):F2}")} | {(naive is null || naive.Failed ? "—" : $"{naive.Get("cold_s") / ms.Get("cold_s"):F1}×")} | {(naive is null || naive.Failed ? "—" : $"{naive.Get("peak_mb"):F0}")} |"));
            double frame = ms.Get("frame_mb");
            memoryRows.Add(string.Create(Inv, $"| {n:N0} | {frame:F0} | {(2 * frame) + 64:F0} | {ms.Get("base_mb"):F0} ({ms.Get("base_anon_mb"):F0} / {ms.Get("base_file_mb"):F0} / {ms.Get("base_gc_mb"):F0}) | {ms.Get("above_mb"):F0} | {aloneChild?.Get("above_mb") ?? double.NaN:F0} | {ms.Get("after_mb"):F0} ({ms.Get("after_gc_mb"):F0}) | {ms.Get("peak_mb"):F0} | {stream.Get("base_mb"):F0} | {stream.Get("above_mb"):F0} | {stream.Get("peak_mb"):F0} |"));
            if (variants)
            {
                variantRows.Add(string.Create(Inv, $"| {n:N0} | {load} | {alone:F2} | {Times(before!, alone)} | {Times(noAhead!, alone)} | {Times(oldEmulator!, alone)} | {Times(ms, alone)} | {InChild(before!)} / {InChild(ms)} | {Cpu(before!)} / {Cpu(ms)} | {before!.Get("above_mb"):F0} / {ms.Get("above_mb"):F0} | {ab!.Get("off_best_s"):F2} / {ab.Get("on_best_s"):F2} ({ab.Get("off_median_s"):F2} / {ab.Get("on_median_s"):F2}) | {pipelineAb!.Get("off_best_s"):F2} / {pipelineAb.Get("on_best_s"):F2} ({pipelineAb.Get("off_median_s"):F2} / {pipelineAb.Get("on_median_s"):F2}) |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| rows | CSV MB | emulator MB/s (gzip, uncached) | emulator MB/s (gzip, cached) | emulator MB/s (plain) | reader alone MB/s | ModeSharp e2e s (cold / warm) | e2e MB/s (warm) | e2e ÷ reader alone (target ≤ 1.5) | e2e ÷ reader alone, both in the child | peak WS MB | frame MB | stream: first row | stream peak WS MB | naive s (cold) | naive ÷ ModeSharp (cold) | naive peak WS MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine();
        Console.WriteLine("Memory (MB): base = VmRSS before the read (anon / file-backed / GC heap); above = peak during the first read minus base.");
        Console.WriteLine("| rows | frame | limit (2× frame + 64) | ModeSharp base (anon / file / GC) | ModeSharp above base | reader alone above base (fresh child, bytes preloaded before the base) | ModeSharp RSS after the read (GC heap) | ModeSharp whole-process peak | stream base | stream above base | stream whole-process peak |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in memoryRows) Console.WriteLine(row);
        if (variants)
        {
            Console.WriteLine();
            Console.WriteLine("Before/after in this run: e2e warm s (÷ reader alone). before = emulator recompressing every export, client decoding on the reader's thread.");
            Console.WriteLine("| rows | load at start | reader alone s (parent) | before: no cache, no read-ahead | cache only | read-ahead only | after: both | e2e ÷ reader alone in the child, before / after | client CPU s, e2e ÷ reader alone, before / after | above base MB before / after | one process, cached emulator, read-ahead off / on: best (median) of 4 | one process, second core used for gunzip (read-ahead, reader on one thread) / for tokenizing (no read-ahead, pipelined reader): best (median) of 4 |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in variantRows) Console.WriteLine(row);
        }

        Console.WriteLine($"Load average at end: {LoadAverage()}");
        return 0;
    }

    private static string Cpu(ChildResult child) =>
        string.Create(Inv, $"{child.Get("warm_cpu_s"):F2} ÷ {child.Get("alone_cpu_s"):F2}");

    private static string InChild(ChildResult child) =>
        string.Create(Inv, $"{child.Get("warm_s") / child.Get("alone_s"):F2}×");

    private static string Times(ChildResult child, double alone) =>
        string.Create(Inv, $"{child.Get("warm_s"):F2} ({child.Get("warm_s") / alone:F2}×)");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<(string Run, string QueryRun)> CreateRunAsync(ModeEmulator emulator, int rows)
    {
        var client = new ModeClient(new ModeClientOptions
        {
            BaseAddress = emulator.BaseAddress,
            Workspace = emulator.Workspace,
            Credentials = new ModeCredentials(emulator.Token, emulator.Secret),
        });
        var run = await client.Runs.CreateAsync(Report, new Dictionary<string, object?> { ["rows"] = rows }).ConfigureAwait(false);
        run = await client.Runs.WaitForCompletionAsync(run).ConfigureAwait(false);
        var queryRun = (await client.QueryRuns.ListAsync(run).ConfigureAwait(false)).Single();
        return (run.Token!, queryRun.Token!);
    }

    /// <summary>Downloads an export; with <paramref name="decode"/> off the compressed bytes are only counted (the server's rate alone).</summary>
    private static async Task<(byte[] Bytes, double Seconds, long WireBytes)> DownloadAsync(ModeEmulator emulator, string run, string queryRun, bool decode = true)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        http.DefaultRequestHeaders.Authorization = Basic(emulator);
        var url = ExportUrl(emulator, run, queryRun);
        var sw = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var counting = new MemoryStream();
        long wire;
        await using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        {
            var counted = new CountingStream(body);
            if (decode)
            {
                Stream decoded = response.Content.Headers.ContentEncoding.Contains("gzip") ? new GZipStream(counted, CompressionMode.Decompress) : counted;
                await decoded.CopyToAsync(counting).ConfigureAwait(false);
            }
            else
            {
                await counted.CopyToAsync(Stream.Null).ConfigureAwait(false);
            }

            wire = counted.Count;
        }

        double seconds = sw.Elapsed.TotalSeconds;
        return (counting.ToArray(), seconds, wire);
    }

    private static Uri ExportUrl(ModeEmulator emulator, string run, string queryRun) =>
        new(emulator.BaseAddress, $"api/{emulator.Workspace}/reports/{Report}/runs/{run}/query_runs/{queryRun}/results/content.csv");

    private static AuthenticationHeaderValue Basic(ModeEmulator emulator) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.Token}:{emulator.Secret}")));

    /// <summary>The result line of one child: <c>key=value</c> pairs.</summary>
    public sealed class ChildResult(string line)
    {
        private readonly Dictionary<string, string> _values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

        public bool Failed => _values.ContainsKey("error") || !_values.ContainsKey("cold_s");

        public double Get(string key) => _values.TryGetValue(key, out var v) ? double.Parse(v, Inv) : double.NaN;

        public override string ToString() => line;
    }

    private static async Task<ChildResult> ChildAsync(string mode, ModeEmulator emulator, string run, bool oneRun = false, bool readAhead = true)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(EndToEnd).Assembly.Location);
        start.ArgumentList.Add("e2e-child");
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(run);
        start.Environment["BENCH_MODE_URL"] = emulator.BaseAddress.ToString();
        start.Environment["BENCH_MODE_WORKSPACE"] = emulator.Workspace;
        start.Environment["BENCH_MODE_TOKEN"] = emulator.Token;
        start.Environment["BENCH_MODE_SECRET"] = emulator.Secret;
        start.Environment["BENCH_ONE_RUN"] = oneRun ? "1" : "0";
        start.Environment["BENCH_QUICK"] = s_quick ? "1" : "0";
        start.Environment["BENCH_READ_AHEAD"] = readAhead ? Environment.GetEnvironmentVariable("BENCH_READ_AHEAD") ?? "1" : "0";
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().ConfigureAwait(false);
        string line = (await output.ConfigureAwait(false)).Trim().Split('\n').LastOrDefault() ?? "";
        if (child.ExitCode != 0 || line.Length == 0)
        {
            string why = (await error.ConfigureAwait(false)).Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {child.ExitCode}";
            line = $"error={why.Replace(' ', '_')}";
        }

        return new ChildResult(line);
    }

    /// <summary>The child process: one way of reading the run, cold then warm; prints one result line.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        string mode = args[0];
        string run = args[1];
        var options = new ModeClientOptions
        {
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("BENCH_MODE_URL")!),
            Workspace = Environment.GetEnvironmentVariable("BENCH_MODE_WORKSPACE")!,
            Credentials = new ModeCredentials(Environment.GetEnvironmentVariable("BENCH_MODE_TOKEN")!, Environment.GetEnvironmentVariable("BENCH_MODE_SECRET")!),
            // "1" = the default read-ahead, "0" = off, anything else a size in bytes (to try sizes by hand).
            ReadAheadBytes = Environment.GetEnvironmentVariable("BENCH_READ_AHEAD") switch
            {
                null or "" or "1" => ModeClientOptions.DefaultReadAheadBytes,
                var value => int.Parse(value, Inv),
            },
        };

        if (mode == "readahead-ab")
        {
            return await ReadAheadAbAsync(options, run).ConfigureAwait(false);
        }

        if (mode == "pipeline-ab")
        {
            return await PipelineAbAsync(options, run).ConfigureAwait(false);
        }

        // Built before the baseline is taken: the baseline is the process as an application has it before it reads.
        var client = new ModeClient(options);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Environment.GetEnvironmentVariable("BENCH_MODE_TOKEN")}:{Environment.GetEnvironmentVariable("BENCH_MODE_SECRET")}")));

        // "alone": the reader on the same bytes, downloaded into memory before the baseline is taken, so its peak above
        // the baseline is the reader's own; compared with "modesharp", it shows what the download path adds.
        byte[] preloaded = [];
        if (mode == "alone")
        {
            preloaded = await DownloadBodyAsync(client, run).ConfigureAwait(false);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        Func<Task<(object Result, double FirstRowMs, double FrameMb)>> once = mode switch
        {
            "alone" => async () =>
            {
                var result = await CsvFrameReader.ReadAsync(new MemoryStream(preloaded)).ConfigureAwait(false);
                return (result, double.NaN, FrameMegabytes(result.Frame));
            },
            "modesharp" => async () =>
            {
                // Read-ahead off stands for the client before issue 6's end-to-end work: everything on the reader's
                // thread, so the reader is held to one thread too (with read-ahead off it would otherwise pipeline).
                var read = new ReportReadOptions { Run = RunSelector.ByToken(run) };
                if (options.ReadAheadBytes == 0) read = read with { Csv = OneThread };
                var frame = await client.ReadReportAsync(Report, read).ConfigureAwait(false);
                return (frame, double.NaN, FrameMegabytes(frame.Frame));
            },
            "stream" => async () =>
            {
                var sw = Stopwatch.StartNew();
                var queryRun = (await client.QueryRuns.ListAsync(Report, run).ConfigureAwait(false)).Single();
                await using var body = await client.Results.OpenCsvAsync(queryRun).ConfigureAwait(false);
                double first = double.NaN;
                long count = 0;
                await foreach (var row in CsvRecordReader.ReadAsync<GeneratedRow>(body, new CsvReadOptions { KeepQuotedEmptyAsEmptyString = false }).ConfigureAwait(false))
                {
                    if (count++ == 0) first = sw.Elapsed.TotalMilliseconds;
                    GC.KeepAlive(row);
                }

                return (count, first, 0);
            },
            "naive" => async () =>
            {
                var queryRun = (await client.QueryRuns.ListAsync(Report, run).ConfigureAwait(false)).Single();
                var url = new Uri(options.BaseAddress, $"api/{options.Workspace}/reports/{Report}/runs/{run}/query_runs/{queryRun.Token}/results/content.csv");
                string csv = await http.GetStringAsync(url).ConfigureAwait(false);
                var frame = DataFrame.LoadCsvFromString(csv, cultureInfo: CultureInfo.InvariantCulture);
                return (frame, double.NaN, FrameMegabytes(frame));
            },
            _ => throw new ArgumentException($"Unknown end-to-end mode '{mode}'.", nameof(args)),
        };

        try
        {
            // The baseline: resident memory with the runtime started and the client built, just before the read.
            var (baseMb, anonMb, fileMb) = ResidentMegabytes();
            double gcMb = GC.GetTotalMemory(forceFullCollection: false) / 1e6;
            double startupPeak = PeakWorkingSetMegabytes();
            bool reset = TryResetPeak();
            var sw = Stopwatch.StartNew();
            var (result, firstRow, frameMb) = await once().ConfigureAwait(false);
            double cold = sw.Elapsed.TotalSeconds;
            double readPeak = PeakWorkingSetMegabytes();
            double peak = reset ? Math.Max(startupPeak, readPeak) : readPeak;
            double above = reset ? readPeak - baseMb : double.NaN;
            var (afterMb, afterAnonMb, afterFileMb) = ResidentMegabytes();
            double afterGcMb = GC.GetTotalMemory(forceFullCollection: false) / 1e6;
            GC.KeepAlive(result);
            result = null!;
            double warm = double.NaN, warmCpu = double.NaN;
            // The naive read takes seconds: its one cold run is its measure (JIT is a sliver of it). The quick run reads
            // big streams once too, to stay within its time limit.
            if (mode != "naive" && Environment.GetEnvironmentVariable("BENCH_ONE_RUN") != "1")
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                var second = await once().ConfigureAwait(false);
                warm = sw.Elapsed.TotalSeconds;
                warmCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                if (mode == "stream") firstRow = Math.Min(firstRow, second.FirstRowMs);
                GC.KeepAlive(second);
            }

            // The reader alone on the same bytes in this same process (same JIT state), alternated with more end-to-end
            // reads; best of each. The parent's reader-alone figure has had many more warm-up reads than a child gets.
            double alone = double.NaN, aloneCpu = double.NaN;
            // Not in the quick run, to keep bench/run.sh within its two minutes.
            if (mode == "modesharp" && !double.IsNaN(warm) && Environment.GetEnvironmentVariable("BENCH_QUICK") != "1")
            {
                byte[] bytes = await DownloadBodyAsync(client, run).ConfigureAwait(false);

                alone = double.MaxValue;
                for (int i = 0; i < 2; i++)
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    sw.Restart();
                    GC.KeepAlive(await CsvFrameReader.ReadAsync(new MemoryStream(bytes)).ConfigureAwait(false));
                    if (sw.Elapsed.TotalSeconds < alone)
                    {
                        alone = sw.Elapsed.TotalSeconds;
                        aloneCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    }

                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    sw.Restart();
                    GC.KeepAlive(await once().ConfigureAwait(false));
                    if (sw.Elapsed.TotalSeconds < warm)
                    {
                        warm = sw.Elapsed.TotalSeconds;
                        warmCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    }
                }
            }

            Console.WriteLine(string.Create(Inv, $"cold_s={cold:F3} warm_s={warm:F3} peak_mb={peak:F0} base_mb={baseMb:F0} above_mb={above:F0} frame_mb={frameMb:F0} ttfr_ms={firstRow:F1} base_anon_mb={anonMb:F0} base_file_mb={fileMb:F0} base_gc_mb={gcMb:F1} after_mb={afterMb:F0} after_anon_mb={afterAnonMb:F0} after_file_mb={afterFileMb:F0} after_gc_mb={afterGcMb:F0} alone_s={alone:F3} warm_cpu_s={warmCpu:F3} alone_cpu_s={aloneCpu:F3}"));
            return 0;
        }
        catch (Exception e) when (mode == "naive")
        {
            // The naive approach failing on real data is a result, not a crash of the benchmark.
            Console.WriteLine($"error={e.GetType().Name}:{e.Message.Replace(' ', '_')[..Math.Min(120, e.Message.Length)]}");
            return 0;
        }
    }

    /// <summary>
    /// The decoded export in one exactly sized array, and nothing else left behind: the body is downloaded twice, once
    /// to count it and once into the array. (A growing MemoryStream would leave a larger, freed buffer resident, which
    /// the next read's allocations would reuse, hiding part of that read's peak.)
    /// </summary>
    private static async Task<byte[]> DownloadBodyAsync(ModeClient client, string run)
    {
        var queryRun = (await client.QueryRuns.ListAsync(Report, run).ConfigureAwait(false)).Single();
        long length;
        await using (var body = await client.Results.OpenCsvAsync(queryRun).ConfigureAwait(false))
        {
            await body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            length = body.BytesRead;
        }

        var bytes = new byte[length];
        await using (var body = await client.Results.OpenCsvAsync(queryRun).ConfigureAwait(false))
        {
            await body.ReadExactlyAsync(bytes).ConfigureAwait(false);
            if (body.ReadByte() != -1) throw new InvalidDataException("The export grew between two downloads.");
        }

        return bytes;
    }

    private static readonly CsvReadOptions OneThread = new() { PipelineAfterRecords = long.MaxValue };

    /// <summary>
    /// Read-ahead on and off in one process, alternating (after one warm-up read each), so JIT state, heap and
    /// machine load are shared: the cleanest view of what overlapping gunzip with parsing gives. Off means everything
    /// on one thread, as before issue 6 (the reader held to one thread as well).
    /// </summary>
    private static Task<int> ReadAheadAbAsync(ModeClientOptions options, string run) =>
        AbAsync(new ModeClient(options.With(0)), OneThread, new ModeClient(options.With(ModeClientOptions.DefaultReadAheadBytes)), null, run);

    /// <summary>
    /// The two ways to use a second core end to end, alternating in one process: "off" = gunzip on the read-ahead
    /// thread and the reader on one thread (what a two-core machine gets by default), "on" = no read-ahead and the
    /// reader's tokenizing pipeline (gunzip and tokenizing on one thread, columns built on the other).
    /// </summary>
    private static Task<int> PipelineAbAsync(ModeClientOptions options, string run) =>
        AbAsync(new ModeClient(options.With(ModeClientOptions.DefaultReadAheadBytes)), null, new ModeClient(options.With(0)), null, run);

    private static async Task<int> AbAsync(ModeClient off, CsvReadOptions? offCsv, ModeClient on, CsvReadOptions? onCsv, string run)
    {
        var read = new ReportReadOptions { Run = RunSelector.ByToken(run) };
        var (offTimes, onTimes) = await AlternateAsync(
            () => off.ReadReportAsync(Report, read with { Csv = offCsv }),
            () => on.ReadReportAsync(Report, read with { Csv = onCsv })).ConfigureAwait(false);
        Console.WriteLine(string.Create(Inv, $"off_best_s={offTimes.Min():F3} off_median_s={Median(offTimes):F3} on_best_s={onTimes.Min():F3} on_median_s={Median(onTimes):F3} cold_s=0"));
        return 0;
    }

    /// <summary>Five rounds of <paramref name="a"/> and <paramref name="b"/>, alternating which goes first; the first round warms both up and is not counted.</summary>
    private static async Task<(List<double> A, List<double> B)> AlternateAsync<T>(Func<Task<T>> a, Func<Task<T>> b)
    {
        var timesA = new List<double>();
        var timesB = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            foreach (bool first in i % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(await (first ? a() : b()).ConfigureAwait(false));
                if (i > 0) (first ? timesA : timesB).Add(sw.Elapsed.TotalSeconds);
            }
        }

        return (timesA, timesB);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static ModeClientOptions With(this ModeClientOptions options, int readAheadBytes) => new()
    {
        BaseAddress = options.BaseAddress,
        Workspace = options.Workspace,
        Credentials = options.Credentials,
        ReadAheadBytes = readAheadBytes,
    };

    /// <summary>The frame's own size: each column's values and validity, plus each distinct string once.</summary>
    private static double FrameMegabytes(DataFrame frame)
    {
        long bytes = 0;
        foreach (var column in frame.Columns)
        {
            if (column is StringDataFrameColumn strings)
            {
                var seen = new HashSet<string>(ReferenceEqualityComparer.Instance);
                bytes += column.Length * 8L;
                for (long i = 0; i < strings.Length; i++)
                {
                    if (strings[i] is { } s && seen.Add(s)) bytes += 22 + (2L * s.Length);
                }
            }
            else
            {
                int width = column.DataType == typeof(bool) ? 1 : column.DataType == typeof(decimal) ? 16 : 8;
                bytes += (column.Length * width) + ((column.Length + 7) / 8);
            }
        }

        return bytes / 1e6;
    }

    /// <summary>Resident set now (VmRSS) and its anonymous and file-backed parts (RssAnon, RssFile), in MB.</summary>
    private static (double Total, double Anon, double File) ResidentMegabytes()
    {
        double Field(string name)
        {
            var line = System.IO.File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) * 1024 / 1e6;
        }

        return System.IO.File.Exists("/proc/self/status")
            ? (Field("VmRSS"), Field("RssAnon"), Field("RssFile"))
            : (Process.GetCurrentProcess().WorkingSet64 / 1e6, double.NaN, double.NaN);
    }

    /// <summary>Resets VmHWM to the current VmRSS (Linux: write 5 to /proc/self/clear_refs), so the next peak is the read's own.</summary>
    private static bool TryResetPeak()
    {
        try
        {
            System.IO.File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set (VmHWM) of this process, in MB.</summary>
    private static double PeakWorkingSetMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64 / 1e6
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) * 1024 / 1e6;
    }

    /// <summary>The generated report's row, as a user of the streaming API would declare it.</summary>
    public sealed class GeneratedRow
    {
        public long Id { get; set; }
        public long Amount { get; set; }
        public double? Ratio { get; set; }
        public string? Label { get; set; }
        public DateOnly? Day { get; set; }
        public DateTime? ObservedAt { get; set; }
        public bool? Flag { get; set; }
        public long? Bucket { get; set; }
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); Count += n; return n; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) { int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false); Count += n; return n; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
