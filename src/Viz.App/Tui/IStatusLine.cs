namespace Viz.App.Tui;

/// <summary>Where a part of the visualizer says what it did: the status bar.</summary>
public interface IStatusLine
{
    /// <summary>Shows <paramref name="text"/> in the status bar for a few seconds.</summary>
    void Say(string text, bool warning = false);
}
