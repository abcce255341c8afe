using System.Runtime.CompilerServices;
using ModeSharp.Emulator.Workspace;
using SQLitePCL;

namespace ModeSharp.Emulator.Results;

/// <summary>
/// The generated report's rows, computed in C# as they are streamed: exactly the rows its SQL (a recursive CTE,
/// kept in workspace.json and checked equal by a test) produces, but without SQLite's per-row cost, so generating a
/// million rows takes a fraction of the time sending them does. Nothing is materialized.
/// </summary>
internal sealed class MixedTypesGenerator(long rows) : IResultRows
{
    public const string Name = "mixed_types";

    private static readonly byte[][] Labels =
    [
        "plain text"u8.ToArray(),
        "has, a comma"u8.ToArray(),
        "has \"quotes\""u8.ToArray(),
        "line one\nline two"u8.ToArray(),
        "café"u8.ToArray(),
    ];

    private static readonly string[] ColumnNames = ["id", "amount", "ratio", "label", "day", "observed_at", "flag", "bucket"];

    private static readonly ColumnKind[] ColumnKinds =
        [ColumnKind.Auto, ColumnKind.Auto, ColumnKind.Auto, ColumnKind.Auto, ColumnKind.Date, ColumnKind.Timestamp, ColumnKind.Boolean, ColumnKind.Auto];

    private long _i;

    public IReadOnlyList<string> Names => ColumnNames;

    public IReadOnlyList<ColumnKind> Kinds => ColumnKinds;

    public int FieldCount => ColumnNames.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Step() => ++_i <= rows;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Type(int column) => column switch
    {
        2 => _i % 17 == 0 ? raw.SQLITE_NULL : raw.SQLITE_FLOAT,
        3 => _i % 6 == 5 ? raw.SQLITE_NULL : raw.SQLITE_TEXT,
        6 => _i % 13 == 0 ? raw.SQLITE_NULL : raw.SQLITE_INTEGER,
        7 => _i % 11 == 0 ? raw.SQLITE_NULL : raw.SQLITE_INTEGER,
        _ => raw.SQLITE_INTEGER,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Int64(int column) => column switch
    {
        0 => _i,
        1 => (_i * 7919 % 100003) - 50000,
        4 => 946684800 + (_i % 9000 * 86400),
        5 => 946684800 + (_i * 37),
        6 => _i % 3 == 0 ? 1 : 0,
        7 => _i % 1000,
        _ => 0,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Double(int column) => _i * 7.31 / 3.0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Utf8(int column) => Labels[(int)(_i % 6)];

    public void Dispose()
    {
    }
}
