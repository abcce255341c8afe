using ModeSharp.Emulator.Workspace;

namespace ModeSharp.Emulator.State;

/// <summary>One query of a report, as it is now.</summary>
internal sealed class QueryState(string token, long id, string name, QueryText sql, IReadOnlyDictionary<string, ColumnKind> columns, DateTimeOffset createdAt, string? generator = null)
{
    public string Token { get; } = token;
    public long Id { get; } = id;
    public string Name { get; } = name;
    public QueryText Sql { get; } = sql;

    /// <summary>Declared result column kinds, by column name.</summary>
    public IReadOnlyDictionary<string, ColumnKind> Columns { get; } = columns;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>A built-in row generator that replaces executing <see cref="Sql"/> (same rows, faster); null for none.</summary>
    public string? Generator { get; } = generator;
}
