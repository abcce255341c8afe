using System.IO.Compression;

namespace ModeSharp.Api;

/// <summary>
/// A report-level export: either one CSV or, for some multi-query reports, a ZIP with one CSV per query.
/// Either way the tables are <see cref="Entries"/>. Dispose it to release the connection or the buffered ZIP.
/// </summary>
/// <remarks>
/// A ZIP's directory sits at its end, so a ZIP export is read into memory (never onto disk) before its entries can
/// be opened; a plain CSV is streamed. Mode's ZIP has been seen to miss queries even for successful runs: compare
/// <see cref="Entries"/> with the run's query runs, or prefer per-query exports (<see cref="ResultsClient.OpenQueryRunCsvAsync(string, string, string, CancellationToken)"/>).
/// </remarks>
public sealed class ModeRunResults : IDisposable, IAsyncDisposable
{
    private readonly Stream? _single;
    private readonly ZipArchive? _zip;

    internal ModeRunResults(Stream single, string entryName, string? mediaType, string? fileName)
    {
        _single = single;
        MediaType = mediaType;
        FileName = fileName;
        Entries = [new ModeResultEntry(entryName, null, () => single, opensOnce: true)];
    }

    internal ModeRunResults(ZipArchive zip, string? mediaType, string? fileName)
    {
        _zip = zip;
        MediaType = mediaType;
        FileName = fileName;
        Entries = zip.Entries
            .Where(e => !e.FullName.EndsWith('/'))
            .Select(e => new ModeResultEntry(e.FullName, e.Length, e.Open, opensOnce: false))
            .ToList();
    }

    /// <summary>Whether Mode sent a ZIP (detected by content type or the <c>PK</c> signature).</summary>
    public bool IsZip => _zip is not null;

    /// <summary>The media type Mode declared.</summary>
    public string? MediaType { get; }

    /// <summary>The file name from <c>Content-Disposition</c>, when given.</summary>
    public string? FileName { get; }

    /// <summary>The tables: one for a CSV, one per ZIP member otherwise.</summary>
    public IReadOnlyList<ModeResultEntry> Entries { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _single?.Dispose();
        _zip?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_single is not null)
        {
            await _single.DisposeAsync().ConfigureAwait(false);
        }

        _zip?.Dispose();
    }
}

/// <summary>One table of a report-level export.</summary>
public sealed class ModeResultEntry
{
    private readonly Func<Stream> _open;
    private readonly bool _opensOnce;
    private int _opened;

    internal ModeResultEntry(string name, long? length, Func<Stream> open, bool opensOnce)
    {
        Name = name;
        Length = length;
        _open = open;
        _opensOnce = opensOnce;
    }

    /// <summary>The member name (for a ZIP, usually <c>&lt;query name&gt;.csv</c>) or the export's file name.</summary>
    public string Name { get; }

    /// <summary>Decoded length in bytes, when known (ZIP members).</summary>
    public long? Length { get; }

    /// <summary>Opens the table's bytes. A streamed CSV can be opened once; ZIP members can be opened again, one at a time.</summary>
    public Stream Open()
    {
        if (_opensOnce && Interlocked.Exchange(ref _opened, 1) == 1)
        {
            throw new InvalidOperationException($"'{Name}' is streamed from the network and was already opened; request the export again to read it twice.");
        }

        return _open();
    }

    /// <summary>The entry's name.</summary>
    public override string ToString() => Name;
}
