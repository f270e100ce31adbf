using System.Drawing;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Grid;

/// <summary>
/// The page grid. It draws the newest <see cref="GridFrame"/> by comparing each character with the driver's back
/// buffer and writing only those that differ, which keeps a frame of a full-screen grid well under a millisecond when
/// little changes (a full redraw through a terminal is far too slow). A click selects a cell.
/// </summary>
public sealed class PageGridView : View
{
    private GridFrame? _frame;
    private GridPalette _palette;
    private int _cursor = -1;

    /// <summary>A grid drawn with <paramref name="palette"/>.</summary>
    public PageGridView(GridPalette palette)
    {
        _palette = palette ?? throw new ArgumentNullException(nameof(palette));
        CanFocus = false;
    }

    /// <summary>Raised with the cell a click selected.</summary>
    public event Action<int>? CellClicked;

    /// <summary>The character layout for the view's current size and the palette's drawing mode.</summary>
    public GridLayout CurrentLayout => new(Math.Max(1, Viewport.Width), Math.Max(1, Viewport.Height), !_palette.Theme.Glyphs);

    /// <summary>Shows <paramref name="frame"/> with the cursor on <paramref name="cursor"/> (UI thread).</summary>
    public void Show(GridFrame frame, int cursor)
    {
        _frame = frame;
        _cursor = cursor;
        SetNeedsDraw();
    }

    /// <summary>Draws with another palette from now on.</summary>
    public void SetPalette(GridPalette palette)
    {
        _palette = palette ?? throw new ArgumentNullException(nameof(palette));
        SetNeedsDraw();
    }

    /// <inheritdoc/>
    protected override bool OnClearingViewport() => true;

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        IDriver? driver = App?.Driver;
        if (driver?.Contents is not { } contents)
        {
            return true;
        }

        GridLayout layout = CurrentLayout;
        GridFrame? frame = _frame is { } f && f.Window.Cells == layout.Cells ? f : null;
        Point origin = ViewportToScreen(Point.Empty);
        int rows = Math.Min(layout.Rows, contents.GetLength(0) - origin.Y);
        int columns = Math.Min(layout.Columns, contents.GetLength(1) - origin.X);
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                (string glyph, Attribute attribute) = Look(frame, layout, column, row);
                ref Cell cell = ref contents[origin.Y + row, origin.X + column];
                if (cell.Attribute == attribute && cell.Grapheme == glyph)
                {
                    continue;
                }

                driver.Move(origin.X + column, origin.Y + row);
                driver.SetAttribute(attribute);
                driver.AddStr(glyph);
            }
        }

        return true;
    }

    /// <inheritdoc/>
    protected override bool OnMouseEvent(Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);
        if (mouse.Flags.HasFlag(MouseFlags.LeftButtonClicked) || mouse.Flags.HasFlag(MouseFlags.LeftButtonPressed))
        {
            if (mouse.Position is { } position)
            {
                CellClicked?.Invoke(CurrentLayout.CellAtCharacter(position.X, position.Y));
                return true;
            }
        }

        return false;
    }

    private (string Glyph, Attribute Attribute) Look(GridFrame? frame, GridLayout layout, int column, int row)
    {
        if (!layout.HalfBlocks)
        {
            int cell = layout.CellAt(column, row);
            CellState state = StateOf(frame, cell);
            return cell == _cursor
                ? (_palette.Theme.GlyphOf(state), _palette.CursorGlyph)
                : (_palette.Theme.GlyphOf(state), _palette.Glyph(state));
        }

        int upperCell = layout.CellAt(column, row * 2);
        int lowerCell = layout.CellAt(column, (row * 2) + 1);
        CellState upper = StateOf(frame, upperCell);
        CellState lower = StateOf(frame, lowerCell);
        Attribute attribute = upperCell == _cursor ? _palette.CursorAbove(lower)
            : lowerCell == _cursor ? _palette.CursorBelow(upper)
            : _palette.Pair(upper, lower);
        return (GridPalette.HalfBlock, attribute);
    }

    private static CellState StateOf(GridFrame? frame, int cell) =>
        frame is not null && cell < frame.States.Length ? frame.States[cell] : CellState.Empty;
}
