using Viz.App.Tui.Themes;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Grid;

/// <summary>
/// The attributes and glyphs the grid draws with, precomputed from a theme: one attribute for every (upper, lower)
/// pair of states for half blocks, one per state for glyphs, and the cursor's.
/// </summary>
public sealed class GridPalette
{
    /// <summary>The half block: the foreground colours the upper cell, the background the lower one.</summary>
    public const string HalfBlock = "▀";

    private readonly Attribute[] _pairs = new Attribute[CellStates.Count * CellStates.Count];
    private readonly Attribute[] _glyphAttributes = new Attribute[CellStates.Count];
    private readonly Attribute[] _cursorPairs = new Attribute[CellStates.Count * 2];

    /// <summary>Precomputes the attributes of <paramref name="theme"/>.</summary>
    public GridPalette(Theme theme)
    {
        Theme = theme ?? throw new ArgumentNullException(nameof(theme));
        for (int upper = 0; upper < CellStates.Count; upper++)
        {
            for (int lower = 0; lower < CellStates.Count; lower++)
            {
                _pairs[(upper * CellStates.Count) + lower] = new Attribute(theme.ColourOf((CellState)upper), theme.ColourOf((CellState)lower));
            }

            _glyphAttributes[upper] = new Attribute(theme.Glyphs ? theme.Ui.Foreground : theme.ColourOf((CellState)upper), theme.Ui.Background);
            _cursorPairs[upper * 2] = new Attribute(theme.Ui.Cursor, theme.ColourOf((CellState)upper));
            _cursorPairs[(upper * 2) + 1] = new Attribute(theme.ColourOf((CellState)upper), theme.Ui.Cursor);
        }

        CursorGlyph = new Attribute(theme.Ui.Background, theme.Ui.Cursor);
    }

    /// <summary>The theme.</summary>
    public Theme Theme { get; }

    /// <summary>The attribute of a glyph cell under the cursor (reversed).</summary>
    public Attribute CursorGlyph { get; }

    /// <summary>The attribute of a half block showing <paramref name="upper"/> above <paramref name="lower"/>.</summary>
    public Attribute Pair(CellState upper, CellState lower) => _pairs[((int)upper * CellStates.Count) + (int)lower];

    /// <summary>The attribute of a half block whose upper cell is the cursor (cursor colour above <paramref name="lower"/>).</summary>
    public Attribute CursorAbove(CellState lower) => _cursorPairs[(int)lower * 2];

    /// <summary>The attribute of a half block whose lower cell is the cursor (<paramref name="upper"/> above the cursor colour).</summary>
    public Attribute CursorBelow(CellState upper) => _cursorPairs[((int)upper * 2) + 1];

    /// <summary>The attribute of a glyph cell in <paramref name="state"/>.</summary>
    public Attribute Glyph(CellState state) => _glyphAttributes[(int)state];
}
