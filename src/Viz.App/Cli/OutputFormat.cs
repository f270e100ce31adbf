namespace Viz.App.Cli;

/// <summary>How a headless command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>A readable table (the default).</summary>
    Table,

    /// <summary>One JSON object (--json).</summary>
    Json,

    /// <summary>One CSV document (--csv).</summary>
    Csv,
}
