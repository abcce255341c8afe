using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ModeSharp.Emulator.Workspace;

/// <summary>A failed statement: SQLite's message and a Mode-style error class (<c>error_code</c>).</summary>
internal sealed record QueryError(string Message, string Code);

/// <summary>Thrown when report SQL fails to prepare or to execute.</summary>
internal sealed class QueryFailedException(QueryError error) : Exception(error.Message)
{
    public QueryError Error { get; } = error;
}

/// <summary>
/// Runs report SQL against the sample database with parameters bound, never spliced. Uses SQLite's own
/// statement API (through SQLitePCLRaw, which Microsoft.Data.Sqlite is built on) so exports read text as UTF-8
/// bytes with no per-value string allocation: that is what lets a loopback export run at well over 100 MB/s.
/// </summary>
internal sealed class QueryExecutor(SampleDatabase database)
{
    // Preparing finds unknown tables and columns; history runs share SQL, so remember the answers.
    private readonly ConcurrentDictionary<string, QueryError?> _prepared = new(StringComparer.Ordinal);

    /// <summary>Returns why <paramref name="sql"/> fails, or null if it runs.</summary>
    /// <param name="sql">The query text.</param>
    /// <param name="values">Parameter values.</param>
    /// <param name="executeFirstRow">Also execute up to the first row (a created run); otherwise only prepare (history).</param>
    public QueryError? Check(QueryText sql, IReadOnlyDictionary<string, object> values, bool executeFirstRow)
    {
        if (!executeFirstRow)
        {
            return _prepared.GetOrAdd(sql.Bound, _ => Try(sql, values, step: false));
        }

        return Try(sql, values, step: true);
    }

    private QueryError? Try(QueryText sql, IReadOnlyDictionary<string, object> values, bool step)
    {
        try
        {
            using var result = Open(sql, values, new Dictionary<string, ColumnKind>());
            if (step)
            {
                result.Step();
            }

            return null;
        }
        catch (QueryFailedException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>Prepares <paramref name="sql"/>, binds <paramref name="values"/>, and returns the statement before its first row.</summary>
    /// <exception cref="QueryFailedException">The statement does not prepare or a parameter is missing.</exception>
    public QueryResult Open(QueryText sql, IReadOnlyDictionary<string, object> values, IReadOnlyDictionary<string, ColumnKind> declared)
    {
        var connection = database.OpenReader();
        sqlite3_stmt? statement = null;
        try
        {
            var db = connection.Handle!;
            var rc = raw.sqlite3_prepare_v2(db, sql.Bound, out statement, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                throw Failure(db);
            }

            if (statement is null || statement.IsInvalid)
            {
                throw new QueryFailedException(new QueryError("the query has no statement", "SqlSyntaxError"));
            }

            if (!string.IsNullOrWhiteSpace(tail?.Trim().Trim(';')))
            {
                throw new QueryFailedException(new QueryError("a query may hold only one statement", "SqlSyntaxError"));
            }

            foreach (var name in sql.ParameterNames)
            {
                if (!values.TryGetValue(name, out var value))
                {
                    throw new QueryFailedException(new QueryError($"no value for parameter '{name}'", "SqlMissingParameter"));
                }

                var index = raw.sqlite3_bind_parameter_index(statement, "$" + name);
                rc = value switch
                {
                    long l => raw.sqlite3_bind_int64(statement, index, l),
                    double d => raw.sqlite3_bind_double(statement, index, d),
                    _ => raw.sqlite3_bind_text(statement, index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                };
                if (rc != raw.SQLITE_OK)
                {
                    throw Failure(db);
                }
            }

            var count = raw.sqlite3_column_count(statement);
            var names = new string[count];
            var kinds = new ColumnKind[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = raw.sqlite3_column_name(statement, i).utf8_to_string() ?? $"column_{i + 1}";
                kinds[i] = declared.TryGetValue(names[i], out var kind)
                    ? kind
                    : ColumnKinds.FromDeclaredType(raw.sqlite3_column_decltype(statement, i).utf8_to_string());
            }

            return new QueryResult(connection, statement, names, kinds);
        }
        catch
        {
            statement?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the rows of one query run: the query's generator when it has one and the run used the query's current
    /// SQL, otherwise the SQL itself.
    /// </summary>
    /// <exception cref="QueryFailedException">The statement failed.</exception>
    public Results.IResultRows OpenRows(State.QueryState query, QueryText sql, IReadOnlyDictionary<string, object> values)
    {
        if (query.Generator == Results.MixedTypesGenerator.Name && ReferenceEquals(sql, query.Sql)
            && values.TryGetValue("rows", out var rows) && rows is long count)
        {
            return new Results.MixedTypesGenerator(count);
        }

        return Open(sql, values, query.Columns);
    }

    internal static QueryFailedException Failure(sqlite3 db) => new(ToError(raw.sqlite3_errmsg(db).utf8_to_string() ?? "unknown SQLite error"));

    public static QueryError ToError(string message)
    {
        var code = message switch
        {
            _ when message.StartsWith("no such column", StringComparison.Ordinal) => "SqlUnknownColumn",
            _ when message.StartsWith("no such table", StringComparison.Ordinal) => "SqlUnknownTable",
            _ when message.StartsWith("no such function", StringComparison.Ordinal) => "SqlUnknownFunction",
            _ when message.Contains("syntax error", StringComparison.Ordinal) => "SqlSyntaxError",
            _ when message.Contains("readonly", StringComparison.Ordinal) || message.Contains("query_only", StringComparison.Ordinal) => "SqlReadOnly",
            _ => "SqlError",
        };
        return new QueryError(message, code);
    }
}

/// <summary>An executing query: a statement stepped row by row, plus what the exporters need to know about each column.</summary>
internal sealed class QueryResult(SqliteConnection connection, sqlite3_stmt statement, string[] names, ColumnKind[] kinds) : Results.IResultRows
{
    public IReadOnlyList<string> Names { get; } = names;
    public IReadOnlyList<ColumnKind> Kinds { get; } = kinds;
    public int FieldCount => names.Length;

    /// <summary>Moves to the next row; false at the end.</summary>
    /// <exception cref="QueryFailedException">Execution failed.</exception>
    public bool Step()
    {
        var rc = raw.sqlite3_step(statement);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw QueryExecutor.Failure(connection.Handle!),
        };
    }

    /// <summary>The storage class of a value in the current row: <c>raw.SQLITE_INTEGER</c>, <c>SQLITE_FLOAT</c>, <c>SQLITE_TEXT</c>, <c>SQLITE_BLOB</c> or <c>SQLITE_NULL</c>.</summary>
    public int Type(int column) => raw.sqlite3_column_type(statement, column);

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public double Double(int column) => raw.sqlite3_column_double(statement, column);

    /// <summary>A text value's UTF-8 bytes, valid until the next <see cref="Step"/>.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    public void Dispose()
    {
        statement.Dispose();
        connection.Dispose();
    }
}
