namespace ModeSharp.Emulator;

/// <summary>Names and tokens of the sample workspace the emulator serves (samples/workspace/workspace.json).</summary>
public static class SampleWorkspace
{
    /// <summary>The workspace user name, as in the seed blog post.</summary>
    public const string Name = "modeanalytics";

    /// <summary>"LEGO sets by year": one query, one row per year; more than 30 runs; newest run succeeded.</summary>
    public const string LegoReport = "eb4fdefe37d8";

    /// <summary>"Palmer penguins": two queries, "Species summary" and "Raw measurements" (with missing values).</summary>
    public const string PenguinsReport = "2f6a1c9e4b70";

    /// <summary>"Atlantic storms by year": parameters <c>year</c> (default 2005) and <c>name</c> (default empty: every storm); a timestamp column.</summary>
    public const string StormsReport = "7c3e9a1d2b54";

    /// <summary>"Diamonds": 53,940 rows.</summary>
    public const string DiamondsReport = "9d41b6e2a8f3";

    /// <summary>"Generated rows": parameter <c>rows</c> (default 1000) rows of mixed types, generated while streaming.</summary>
    public const string GeneratedReport = "4e8f2a6c1d97";

    /// <summary>"US economics": the newest run failed (its query run carries <c>error_message</c>); older runs succeeded.</summary>
    public const string FailedNewestReport = "6b2d8e4f1a3c";

    /// <summary>"Austin housing": the newest run stays <c>enqueued</c> forever; older runs succeeded.</summary>
    public const string InProgressReport = "3a9c5e7b2d18";

    /// <summary>The custom space ("collection") that holds the sample reports.</summary>
    public const string ReportsSpace = "c0ffee5a1e01";

    /// <summary>A custom space with more than 30 reports, so space report pagination is real.</summary>
    public const string ArchiveSpace = "a7c4b2e9f013";

    /// <summary>A private ("Personal") space, listed only with <c>filter=all</c>.</summary>
    public const string PrivateSpace = "d1a2b3c4e5f6";

    /// <summary>"Penguin notebook": every run ends <c>completed</c> (a success) or <c>succeeded</c>; the newest is <c>completed</c>.</summary>
    public const string CompletedNewestReport = "8c5a3f1e9b27";

    /// <summary>"Diamond prices by cut": newest run <c>cancelled</c>, the one before stuck in <c>running_notebook</c>, older ones <c>completed</c>.</summary>
    public const string CancelledNewestReport = "1d7b4e2a6c93";

    /// <summary>"Mammal sleep", a report in the private space.</summary>
    public const string PrivateReport = "5f1e0d2c3b4a";
}
