using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ModeSharp.Emulator.Workspace;

/// <summary>
/// The workspace's tables in a shared in-memory SQLite database. Loading happens once per process and
/// workspace source (every emulator in a test run shares the data, which is never written after loading);
/// each query opens its own read-only connection, so exports stream concurrently.
/// </summary>
internal sealed class SampleDatabase
{
    private static readonly ConcurrentDictionary<string, Lazy<SampleDatabase>> Loaded = new(StringComparer.Ordinal);
    private static int s_sequence;

    // Keeps the shared in-memory database alive: SQLite drops it when its last connection closes.
    private readonly SqliteConnection _keeper;
    private readonly string _readerConnectionString;

    private SampleDatabase(SqliteConnection keeper, string readerConnectionString, TimeSpan loadTime)
    {
        _keeper = keeper;
        _readerConnectionString = readerConnectionString;
        LoadTime = loadTime;
    }

    /// <summary>How long loading the tables took (reported by the standalone banner and the docs).</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Returns the loaded data for <paramref name="source"/>, loading it on first use.</summary>
    public static SampleDatabase For(WorkspaceSource source, WorkspaceDefinition definition) =>
        Loaded.GetOrAdd(source.Key, _ => new Lazy<SampleDatabase>(() => Load(source, definition))).Value;

    private static SampleDatabase Load(WorkspaceSource source, WorkspaceDefinition definition)
    {
        var stopwatch = Stopwatch.StartNew();
        var name = "modesharp-emulator-" + Interlocked.Increment(ref s_sequence).ToString(CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var builder = new SqliteConnectionStringBuilder { DataSource = name, Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared };
        var keeperString = builder.ConnectionString + ";Pooling=False";
        var keeper = new SqliteConnection(keeperString);
        keeper.Open();
        foreach (var table in definition.Tables)
        {
            try
            {
                CsvTableLoader.Load(keeper, table, source);
            }
            catch (Exception ex) when (ex is SqliteException or IOException)
            {
                throw new InvalidDataException($"Loading table '{table.Name}' from '{table.File}' failed: {ex.Message}", ex);
            }
        }

        return new SampleDatabase(keeper, builder.ConnectionString, stopwatch.Elapsed);
    }

    /// <summary>
    /// Opens a connection for running report SQL. <c>query_only</c> makes any write (an injected
    /// <c>DROP TABLE</c>, say) fail instead of damaging the data every emulator shares.
    /// </summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA query_only = 1; PRAGMA read_uncommitted = 1;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Whether the keeper connection is open (it is, for the life of the process).</summary>
    public bool IsOpen => _keeper.State == System.Data.ConnectionState.Open;
}
