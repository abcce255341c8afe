using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeSharp.Emulator.Workspace;

// The declarative workspace file (samples/workspace/workspace.json). Plain data: the emulator turns it
// into tables (SampleDatabase) and live state (State/WorkspaceState) at start-up.

internal sealed class WorkspaceDefinition
{
    public WorkspaceInfo Workspace { get; set; } = new();
    public DataSourceInfo DataSource { get; set; } = new();
    public List<TableDefinition> Tables { get; set; } = [];
    public List<SpaceDefinition> Spaces { get; set; } = [];
    public List<ReportDefinition> Reports { get; set; } = [];
}

internal sealed class WorkspaceInfo
{
    public string Username { get; set; } = SampleWorkspace.Name;
    public string Name { get; set; } = "Mode Analytics";
    public long Id { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; } = new(2013, 4, 1, 9, 0, 0, TimeSpan.Zero);
}

internal sealed class DataSourceInfo
{
    public long Id { get; set; } = 1;
    public string Token { get; set; } = "5a3d7e1f9b20";
    public string Name { get; set; } = "Sample data (SQLite)";
    public string Adapter { get; set; } = "jdbc:sqlite";
}

internal sealed class TableDefinition
{
    public string Name { get; set; } = "";
    public string File { get; set; } = "";

    /// <summary>Column type overrides (integer, double, text, date, timestamp, boolean); others are inferred.</summary>
    public Dictionary<string, string> Columns { get; set; } = [];
}

internal sealed class SpaceDefinition
{
    public string Token { get; set; } = "";
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string SpaceType { get; set; } = "custom";
}

internal sealed class ReportDefinition
{
    public string Token { get; set; } = "";
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Space { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>More than one: the report is repeated with derived tokens and ids ("Name #n").</summary>
    public int Copies { get; set; } = 1;

    public List<ParameterDefinition> Parameters { get; set; } = [];
    public List<QueryDefinition> Queries { get; set; } = [];
    public List<HistoryEntry> History { get; set; } = [];
}

internal sealed class ParameterDefinition
{
    public string Name { get; set; } = "";

    /// <summary><c>number</c> or <c>text</c>.</summary>
    public string Type { get; set; } = "text";

    public JsonElement Default { get; set; }
    public string? Label { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

internal sealed class QueryDefinition
{
    public string? Token { get; set; }
    public string Name { get; set; } = "";

    [JsonConverter(typeof(SqlTextConverter))]
    public string Sql { get; set; } = "";

    /// <summary>
    /// A built-in generator producing the same rows as <see cref="Sql"/> much faster (only <c>mixed_types</c>, reading
    /// the <c>rows</c> parameter). The SQL stays the definition; the generator is an optimisation.
    /// </summary>
    public string? Generator { get; set; }

    /// <summary>Result column types the SQL cannot declare (expressions): date, timestamp, boolean, ….</summary>
    public Dictionary<string, string> Columns { get; set; } = [];
}

internal sealed class HistoryEntry
{
    /// <summary>How long before start-up the (first) run was created.</summary>
    public double AgoHours { get; set; }

    /// <summary>How many runs this entry stands for, <see cref="EveryHours"/> apart, going back in time.</summary>
    public int Repeat { get; set; } = 1;

    public double EveryHours { get; set; } = 24;

    public Dictionary<string, JsonElement> Parameters { get; set; } = [];

    /// <summary>
    /// <c>pending</c>, <c>enqueued</c> or <c>running_notebook</c> pin the run in that state forever; <c>cancelled</c>
    /// makes it a cancelled run; otherwise its SQL decides between failed and success, <c>completed</c> labelling a
    /// success as completed instead of succeeded.
    /// </summary>
    public string? State { get; set; }

    /// <summary>The SQL as it was at the time of this run, by query name (when the query was since edited).</summary>
    public Dictionary<string, string> Sql { get; set; } = [];

    /// <summary>The run's results were purged: its exports answer 404 "run results not found".</summary>
    public bool Purged { get; set; }
}

/// <summary>SQL as one string or as an array of lines (easier to read in JSON).</summary>
internal sealed class SqlTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("sql must be a string or an array of strings");
        }

        var lines = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            lines.Add(reader.GetString() ?? "");
        }

        return string.Join('\n', lines);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(WorkspaceDefinition))]
internal sealed partial class WorkspaceJsonContext : JsonSerializerContext;
