using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Panels;

/// <summary>
/// The legend under the grid, always visible: a swatch (or glyph) and a name for every state, then the rule that
/// decides what a cell holding several states shows. Items wrap to the width.
/// </summary>
public sealed class LegendView : ThemedView
{
    /// <summary>A legend for <paramref name="theme"/>.</summary>
    public LegendView(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <summary>Rows the legend needs at <paramref name="width"/> columns.</summary>
    public static int RowsNeeded(int width) => Place(width).Rows + TextWrap.Words(CellClassifier.RuleSummary, width).Count;

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        Attribute text = Theme.Ui.Text;
        SetAttribute(text);
        FillRect(Viewport with { X = 0, Y = 0 }, new System.Text.Rune(' '));
        (int rows, List<(CellState State, int Column, int Row)> items) = Place(width);
        foreach ((CellState state, int column, int row) in items)
        {
            Move(column, row);
            if (Theme.Glyphs)
            {
                SetAttribute(new Attribute(Theme.Ui.Foreground, Theme.Ui.Background, TextStyle.Bold));
                AddStr(Theme.GlyphOf(state));
            }
            else
            {
                SetAttribute(new Attribute(Theme.ColourOf(state), Theme.ColourOf(state)));
                AddStr(GridPalette.HalfBlock);
            }

            SetAttribute(text);
            AddStr(" " + state.Label());
        }

        var rule = new Attribute(Theme.Ui.Foreground, Theme.Ui.Background, TextStyle.Faint);
        List<string> lines = TextWrap.Words(CellClassifier.RuleSummary, width);
        for (int i = 0; i < lines.Count && rows + i < Viewport.Height; i++)
        {
            Move(0, rows + i);
            SetAttribute(rule);
            AddStr(lines[i]);
        }

        return true;
    }

    private static (int Rows, List<(CellState State, int Column, int Row)> Items) Place(int width)
    {
        var items = new List<(CellState, int, int)>();
        int column = 0;
        int row = 0;
        foreach (CellState state in CellStates.Shown)
        {
            int length = 2 + state.Label().Length;
            if (column > 0 && column + length > width)
            {
                row++;
                column = 0;
            }

            items.Add((state, column, row));
            column += length + 2;
        }

        return (row + 1, items);
    }
}
