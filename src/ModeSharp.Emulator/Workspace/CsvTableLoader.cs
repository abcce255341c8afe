using System.Globalization;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace ModeSharp.Emulator.Workspace;

/// <summary>
/// Loads one CSV file into one SQLite table. Column types are decided from every value (a second pass over
/// the in-memory bytes is cheaper than guessing wrong), then values are bound already parsed, so SQLite stores
/// real integers, doubles, 0/1 booleans, and dates and timestamps as text SQLite's date functions understand.
/// </summary>
internal static class CsvTableLoader
{
    public static void Load(SqliteConnection connection, TableDefinition table, WorkspaceSource source)
    {
        byte[] bytes;
        using (var stream = source.Open(table.File))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        var where = $"table '{table.Name}' ({table.File})";
        var (names, kinds) = InferColumns(bytes, table, where);

        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = $"CREATE TABLE {Quote(table.Name)} ({string.Join(", ", names.Select((n, i) => $"{Quote(n)} {ColumnKinds.SqlType(kinds[i])}"))})";
            create.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Quote(table.Name)} VALUES ({string.Join(", ", names.Select((_, i) => "$c" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = insert.Parameters.AddWithValue("$c" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value);
        }

        insert.Prepare();
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(bytes);
        var line = 1;
        foreach (var row in reader)
        {
            line++;
            for (var i = 0; i < names.Length; i++)
            {
                var span = i < row.ColCount ? row[i].Span : [];
                parameters[i].Value = span.IsEmpty ? DBNull.Value : Convert(span, kinds[i], where, line, names[i]);
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object Convert(ReadOnlySpan<char> value, ColumnKind kind, string where, int line, string column)
    {
        switch (kind)
        {
            case ColumnKind.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return l;
            case ColumnKind.Double when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return d;
            case ColumnKind.Boolean when TryBoolean(value, out var b):
                return b ? 1L : 0L;
            case ColumnKind.Timestamp when TryTimestamp(value, out var sqlText):
                return sqlText;
            case ColumnKind.Date or ColumnKind.Text or ColumnKind.Auto:
                return value.ToString();
            default:
                throw new InvalidDataException($"{where}, line {line}, column '{column}': '{value}' is not a valid {kind.ToString().ToLowerInvariant()}.");
        }
    }

    private static (string[] Names, ColumnKind[] Kinds) InferColumns(byte[] bytes, TableDefinition table, string where)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(bytes);
        var names = reader.Header.ColNames.ToArray();
        if (names.Length == 0)
        {
            throw new InvalidDataException($"{where} has no header row.");
        }

        // Each column starts able to be anything and loses candidates as values arrive.
        var candidates = new Candidates[names.Length];
        Array.Fill(candidates, Candidates.All);
        foreach (var row in reader)
        {
            for (var i = 0; i < names.Length && i < row.ColCount; i++)
            {
                var span = row[i].Span;
                if (!span.IsEmpty && candidates[i] != Candidates.None)
                {
                    candidates[i] &= Classify(span);
                }
            }
        }

        var kinds = new ColumnKind[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            kinds[i] = table.Columns.TryGetValue(names[i], out var declared)
                ? ColumnKinds.Parse(declared, $"{where}, column '{names[i]}'")
                : Pick(candidates[i]);
        }

        return (names, kinds);
    }

    [Flags]
    private enum Candidates
    {
        None = 0,
        Boolean = 1,
        Integer = 2,
        Double = 4,
        Date = 8,
        Timestamp = 16,
        All = Boolean | Integer | Double | Date | Timestamp,
    }

    private static Candidates Classify(ReadOnlySpan<char> value)
    {
        var result = Candidates.None;
        if (TryBoolean(value, out _))
        {
            result |= Candidates.Boolean;
        }

        // A leading zero (007, 02127) marks an id or a postal code: keep it as text.
        var digits = value.Length > 0 && value[0] == '-' ? value[1..] : value;
        var leadingZero = digits.Length > 1 && digits[0] == '0' && digits[1] != '.';
        if (!leadingZero && value.Length > 0 && value[0] != '+')
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                result |= Candidates.Integer | Candidates.Double;
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                result |= Candidates.Double;
            }
        }

        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result |= Candidates.Date;
        }
        else if (TryTimestamp(value, out _))
        {
            result |= Candidates.Timestamp;
        }

        return result;
    }

    private static ColumnKind Pick(Candidates c) =>
        c == Candidates.All ? ColumnKind.Text // every value empty
        : c.HasFlag(Candidates.Boolean) ? ColumnKind.Boolean
        : c.HasFlag(Candidates.Integer) ? ColumnKind.Integer
        : c.HasFlag(Candidates.Double) ? ColumnKind.Double
        : c.HasFlag(Candidates.Date) ? ColumnKind.Date
        : c.HasFlag(Candidates.Timestamp) ? ColumnKind.Timestamp
        : ColumnKind.Text;

    private static bool TryBoolean(ReadOnlySpan<char> value, out bool result)
    {
        if (value.Equals("t", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            result = true;
            return true;
        }

        result = false;
        return value.Equals("f", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>Accepts ISO 8601 timestamps; returns them as UTC in SQLite's own text form.</summary>
    private static bool TryTimestamp(ReadOnlySpan<char> value, out string sqlText)
    {
        if (value.Length >= 19 && DateTimeOffset.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            var utc = parsed.UtcDateTime;
            sqlText = utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            return true;
        }

        sqlText = "";
        return false;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
