using System.Text.Json;

namespace ModeSharp.Emulator.Workspace;

/// <summary>Where the workspace file and its data come from: the sample embedded in this assembly, or a directory.</summary>
internal sealed class WorkspaceSource
{
    private const string EmbeddedPrefix = "workspace/";
    private readonly string? _directory;

    private WorkspaceSource(string? directory, string key)
    {
        _directory = directory;
        Key = key;
    }

    /// <summary>Identifies the source, so its data is loaded once per process.</summary>
    public string Key { get; }

    public static WorkspaceSource Embedded { get; } = new(null, "embedded");

    public static WorkspaceSource FromDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, "workspace.json")))
        {
            throw new FileNotFoundException($"No workspace.json in the workspace directory '{full}'.", Path.Combine(full, "workspace.json"));
        }

        return new WorkspaceSource(full, "dir:" + full);
    }

    public Stream Open(string relativePath)
    {
        if (_directory is not null)
        {
            return File.OpenRead(Path.Combine(_directory, relativePath));
        }

        var name = EmbeddedPrefix + relativePath.Replace('\\', '/');
        return typeof(WorkspaceSource).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"The sample workspace has no file '{relativePath}'.", relativePath);
    }

    public WorkspaceDefinition ReadDefinition()
    {
        using var stream = Open("workspace.json");
        try
        {
            return JsonSerializer.Deserialize(stream, WorkspaceJsonContext.Default.WorkspaceDefinition)
                ?? throw new InvalidDataException("workspace.json is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"workspace.json ({_directory ?? "embedded sample"}) is not valid: {ex.Message}", ex);
        }
    }
}
