using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>The help screen: every key with what it does, and every state with its colour or glyph and meaning.</summary>
public sealed class HelpView : ThemedView
{
    /// <summary>A help screen drawn with <paramref name="theme"/>.</summary>
    public HelpView(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        Attribute text = Theme.Ui.Text;
        Attribute heading = Theme.Ui.Heading;
        SetAttribute(text);
        FillRect(Viewport with { X = 0, Y = 0 }, new System.Text.Rune(' '));
        int row = 0;
        Line(ref row, 0, "balloonviz help — Esc or ? closes", heading);
        row++;
        Line(ref row, 0, "Keys", heading);
        int keyWidth = KeyMap.All.Max(b => b.Label.Length) + 2;
        foreach (KeyAction binding in KeyMap.All)
        {
            Move(2, row);
            SetAttribute(heading);
            AddStr(binding.Label.PadRight(keyWidth));
            SetAttribute(text);
            AddStr(binding.Description);
            row++;
        }

        row++;
        Line(ref row, 0, "Page states (each grid cell is a run of pages; the header says how many)", heading);
        int labelWidth = CellStates.Shown.Max(s => s.Label().Length) + 2;
        foreach (CellState state in CellStates.Shown)
        {
            Move(2, row);
            if (Theme.Glyphs)
            {
                SetAttribute(heading);
                AddStr(Theme.GlyphOf(state) + " ");
            }
            else
            {
                SetAttribute(new Attribute(Theme.ColourOf(state), Theme.ColourOf(state)));
                AddStr(GridPalette.HalfBlock + GridPalette.HalfBlock);
            }

            SetAttribute(text);
            AddStr(" " + state.Label().PadRight(labelWidth) + state.Meaning());
            row++;
        }

        row++;
        foreach (string line in TextWrap.Words(CellClassifier.RuleSummary, Math.Max(1, Viewport.Width - 2)))
        {
            Line(ref row, 2, line, text);
        }

        foreach (string line in TextWrap.Words("h and r reset the device and negotiate again, as a VM restarted with other device properties would; hints flow only during a migration. The migration panel compares the last migration with and without hinting.", Math.Max(1, Viewport.Width - 2)))
        {
            Line(ref row, 2, line, text);
        }
        return true;
    }

    private void Line(ref int row, int column, string value, Attribute attribute)
    {
        Move(column, row);
        SetAttribute(attribute);
        AddStr(value);
        row++;
    }
}
