using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.Results;

/// <summary>
/// A forward-only result the exporters stream from: SQLite's statement API in miniature. Value types use
/// SQLite's storage classes (<c>SQLitePCL.raw.SQLITE_INTEGER</c>, …) so both implementations write identically.
/// </summary>
internal interface IResultRows : IDisposable
{
    IReadOnlyList<string> Names { get; }

    IReadOnlyList<ColumnKind> Kinds { get; }

    int FieldCount { get; }

    /// <summary>Moves to the next row; false at the end.</summary>
    bool Step();

    int Type(int column);

    long Int64(int column);

    double Double(int column);

    /// <summary>A text value's UTF-8 bytes, valid until the next <see cref="Step"/>.</summary>
    ReadOnlySpan<byte> Utf8(int column);
}
