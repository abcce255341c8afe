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
