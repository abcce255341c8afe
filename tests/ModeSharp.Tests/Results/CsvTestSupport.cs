using System.Text;
using Microsoft.Data.Analysis;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>Helpers shared by the reader tests: reading text and bytes, the shared data folder, slow streams.</summary>
internal static class CsvTestSupport
{
    public static CsvFrameResult Read(string csv, CsvReadOptions? options = null) => CsvFrameReader.Parse(csv, options);

    public static CsvColumnType TypeOf(this CsvFrameResult result, string column) =>
        result.Specification[column]?.Type ?? throw new KeyNotFoundException(column);

    public static object? Cell(this CsvFrameResult result, string column, long row) => result.Frame.Columns[column][row];

    /// <summary>The repository's root (the folder holding <c>ModeSharp.slnx</c>), found from the test's location.</summary>
    public static string RepositoryDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ModeSharp.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Repository root (ModeSharp.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The shared folder beside the repository (<c>&lt;repo&gt;/../shared</c>): only the public conformance suites are read from it.</summary>
    public static string SharedDirectory =>
        Path.Combine(Directory.GetParent(RepositoryDirectory)?.FullName ?? throw new InvalidOperationException("The repository root has no parent folder."), "shared");

    /// <summary>The sample workspace's datasets as the project ships them (the emulator serves these same files).</summary>
    public static string SampleDataFile(string file) => Path.Combine(RepositoryDirectory, "samples", "workspace", "data", file);

    public static async Task<CsvFrameResult> ReadTrickledAsync(byte[] bytes, int chunk, CsvReadOptions? options = null)
    {
        using var stream = new TrickleStream(bytes, chunk);
        return await CsvFrameReader.ReadAsync(stream, options);
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>
    /// Two reads of the same input agree exactly: columns (name, type, CLR type), every cell (doubles by their bits, so
    /// -0.0 is not 0.0; timestamps by ticks and kind) and the problems. <paramref name="how"/> names the read in failures.
    /// </summary>
    public static void AssertSameResult(CsvFrameResult expected, CsvFrameResult actual, string how)
    {
        Assert.True(expected.Frame.Rows.Count == actual.Frame.Rows.Count, $"{how}: {expected.Frame.Rows.Count} rows vs {actual.Frame.Rows.Count}");
        Assert.True(expected.Frame.Columns.Count == actual.Frame.Columns.Count, $"{how}: {expected.Frame.Columns.Count} columns vs {actual.Frame.Columns.Count}");
        for (int c = 0; c < expected.Frame.Columns.Count; c++)
        {
            var e = expected.Frame.Columns[c];
            var a = actual.Frame.Columns[c];
            Assert.Equal(e.Name, a.Name);
            Assert.True(e.GetType() == a.GetType(), $"{how}: column {e.Name}: {e.GetType().Name} vs {a.GetType().Name}");
            Assert.Equal(expected.Specification[e.Name]!.Type, actual.Specification[a.Name]!.Type);
            for (long r = 0; r < e.Length; r++)
            {
                if (!SameCell(e[r], a[r])) Assert.Fail($"{how}: column {e.Name}, row {r + 1}: '{e[r]}' vs '{a[r]}'");
            }
        }

        Assert.Equal(expected.Problems, actual.Problems);
    }

    private static bool SameCell(object? e, object? a) => (e, a) switch
    {
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        _ => Equals(e, a),
    };
}

/// <summary>
/// A non-seekable stream that hands out at most <c>chunk</c> bytes per read, like a slow HTTP response body.
/// (A real socket cannot be made to split a body at every byte deterministically; this stream can.)
/// </summary>
internal sealed class TrickleStream(byte[] data, int chunk) : ModeSharp.Http.ReadOnlyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }
}

/// <summary>
/// A test stream that serves <c>data</c> in reads of at most <c>chunk</c> bytes up to byte <c>stallAt</c>, then stalls
/// until <see cref="Release"/> and serves the rest. Subclasses say what a read at the stall does: wait, fail, register
/// callbacks on its token.
/// </summary>
internal abstract class StallingStream(byte[] data, int chunk, int stallAt) : ModeSharp.Http.ReadOnlyStream
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    /// <summary>Whether the next read is at or past the stall.</summary>
    protected bool AtStall => _position >= stallAt;

    /// <summary>Completes at <see cref="Release"/>.</summary>
    protected Task Released => _released.Task;

    public void Release()
    {
        _gate.Set();
        _released.TrySetResult();
    }

    /// <summary>Blocks the reading thread until <see cref="Release"/>.</summary>
    protected void WaitForRelease() => _gate.Wait();

    /// <summary>The next chunk, never past the stall until it has been reached.</summary>
    protected int Serve(Span<byte> buffer)
    {
        int end = _position < stallAt ? Math.Min(stallAt, data.Length) : data.Length;
        int n = Math.Min(Math.Min(chunk, buffer.Length), end - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gate.Dispose();
        base.Dispose(disposing);
    }
}
