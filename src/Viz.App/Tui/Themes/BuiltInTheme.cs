using Viz.Pipeline;

using Color = Terminal.Gui.Drawing.Color;

namespace Viz.App.Tui.Themes;

/// <summary>The theme used when <c>themes/default.json</c> is missing or unusable; the same colours as that file.</summary>
public static class BuiltInTheme
{
    /// <summary>The built-in default theme.</summary>
    public static Theme Default { get; } = Create();

    private static Theme Create()
    {
        Color[] colours = new Color[CellStates.Count];
        string[] glyphs = new string[CellStates.Count];
        void Set(CellState state, string colour, string glyph)
        {
            colours[(int)state] = Color.Parse(colour, System.Globalization.CultureInfo.InvariantCulture);
            glyphs[(int)state] = glyph;
        }

        Set(CellState.Empty, "#0d1117", " ");
        Set(CellState.Kernel, "#8d6e63", "K");
        Set(CellState.Allocated, "#1e88e5", "#");
        Set(CellState.Free, "#546e7a", "·");
        Set(CellState.FreeUnbacked, "#263238", "-");
        Set(CellState.Poisoned, "#e53935", "x");
        Set(CellState.Reported, "#43a047", "r");
        Set(CellState.ReportedKept, "#a5d6a7", "%");
        Set(CellState.Reporting, "#fdd835", "R");
        Set(CellState.Hinted, "#00bcd4", "h");
        Set(CellState.Ballooned, "#ab47bc", "B");
        Set(CellState.Dirty, "#ff9800", "*");
        var ui = new ThemeUi(colours[0], Color.Parse("#c9d1d9", null), Color.Parse("#ffcc00", null), Color.Parse("#ffffff", null), Color.Parse("#ff6b6b", null));
        return new Theme(ThemeLoader.DefaultName, "built-in default (dark)", false, ui, colours, glyphs);
    }
}
