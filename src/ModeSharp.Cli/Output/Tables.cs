using System.Globalization;
using Spectre.Console;

namespace ModeSharp.Cli.Output;

/// <summary>Small helpers for listing tables (reports, runs) on standard output.</summary>
internal static class Tables
{
    public static IAnsiConsole StdOut { get; } = CreateStdOut();

    private static IAnsiConsole CreateStdOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Piped output has no width; Spectre would assume 80 columns and wrap names mid-word.
        if (Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    }

    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers) table.AddColumn(new TableColumn(Markup.Escape(header)));
        return table;
    }

    public static Table AddCells(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => Markup.Escape(c ?? "")).ToArray());

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
}
