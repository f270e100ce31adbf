namespace Viz.App.Tui;

/// <summary>A line for the status bar.</summary>
/// <param name="Text">What it says.</param>
/// <param name="Warning">Whether it warns (lost data, failed poison checks).</param>
/// <param name="ShownAt">When it was shown (a <see cref="TimeProvider"/> timestamp).</param>
public sealed record StatusMessage(string Text, bool Warning, long ShownAt);
