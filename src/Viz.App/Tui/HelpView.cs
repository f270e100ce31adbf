using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>
/// The help screen: every key with what it does, and every state with its colour or glyph and meaning. On a terminal
/// too short for all of it (a projector's 120×35) it scrolls with the arrows and PgUp/PgDn, and says so.
/// </summary>
public sealed class HelpView : ThemedView
{
    private const string Prose = "h and r reset the device and negotiate again, as a VM restarted with other device properties would; hints flow only during a migration. The migration panel compares the last migration with and without hinting.";

    private int _scroll;

    private readonly KeyMap _keys;

    /// <summary>A help screen listing <paramref name="keys"/>, drawn with <paramref name="theme"/>.</summary>
    public HelpView(Theme theme, KeyMap keys)
        : base(theme)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        CanFocus = false;
    }

    /// <summary>The rows the whole help takes at <paramref name="width"/> columns.</summary>
    public int RowsNeeded(int width) =>
        6 + _keys.All.Sum(b => Wrapped(b.Description, width, KeyWidth).Count) + CellStates.Shown.Sum(s => Wrapped(s.Meaning(), width, StateWidth).Count)
        + TextWrap.Words(CellClassifier.RuleSummary, Math.Max(1, width - 2)).Count + TextWrap.Words(Prose, Math.Max(1, width - 2)).Count;

    /// <summary>Shows the help from row <paramref name="scroll"/> on (clamped to what the screen can show).</summary>
    public void ScrollTo(int scroll)
    {
        if (scroll != _scroll)
        {
            _scroll = scroll;
            SetNeedsDraw();
        }
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        Attribute text = Theme.Ui.Text;
        Attribute heading = Theme.Ui.Heading;
        SetAttribute(text);
        FillRect(Viewport with { X = 0, Y = 0 }, new System.Text.Rune(' '));
        int total = RowsNeeded(Viewport.Width);
        bool clipped = total > Viewport.Height;
        int offset = clipped ? Math.Clamp(_scroll, 0, total - Viewport.Height + 1) : 0;
        int row = -offset;
        Line(ref row, 0, "balloonviz help — Esc or ? closes", heading);
        row++;
        Line(ref row, 0, "Keys", heading);
        foreach (KeyAction binding in _keys.All)
        {
            List<string> lines = Wrapped(binding.Description, Viewport.Width, KeyWidth);
            for (int i = 0; i < lines.Count; i++)
            {
                if (At(ref row, 2, clipped))
                {
                    SetAttribute(heading);
                    AddStr((i == 0 ? binding.Label : string.Empty).PadRight(KeyWidth));
                    SetAttribute(text);
                    AddStr(lines[i]);
                }
            }
        }

        row++;
        Line(ref row, 0, "Page states (each grid cell is a run of pages; the header says how many)", heading);
        int labelWidth = CellStates.Shown.Max(s => s.Label().Length) + 2;
        foreach (CellState state in CellStates.Shown)
        {
            List<string> lines = Wrapped(state.Meaning(), Viewport.Width, StateWidth);
            if (!At(ref row, 2, clipped))
            {
                row += lines.Count - 1;
                continue;
            }

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
            AddStr(" " + state.Label().PadRight(labelWidth) + lines[0]);
            foreach (string more in lines.Skip(1))
            {
                if (At(ref row, 2 + StateWidth, clipped))
                {
                    AddStr(more);
                }
            }
        }

        row++;
        foreach (string line in TextWrap.Words(CellClassifier.RuleSummary, Math.Max(1, Viewport.Width - 2)))
        {
            Line(ref row, 2, line, text);
        }

        foreach (string line in TextWrap.Words(Prose, Math.Max(1, Viewport.Width - 2)))
        {
            Line(ref row, 2, line, text);
        }

        if (clipped)
        {
            Move(0, Viewport.Height - 1);
            SetAttribute(heading);
            AddStr(offset + Viewport.Height - 1 < total ? "more below: ↓ or PgDn scrolls, ↑ or PgUp goes back" : "end of help: ↑ or PgUp goes back");
        }

        return true;
    }

    /// <summary>The key column's width: the longest key label and two spaces.</summary>
    private int KeyWidth => _keys.All.Max(b => b.Label.Length) + 2;

    /// <summary>Where a state's meaning starts: its swatch, a space, the longest label and two spaces.</summary>
    private static int StateWidth => 3 + CellStates.Shown.Max(s => s.Label().Length) + 2;

    /// <summary><paramref name="text"/> wrapped to the columns left of <paramref name="width"/> after a 2-column indent and <paramref name="column"/>.</summary>
    private static List<string> Wrapped(string text, int width, int column) =>
        TextWrap.Words(text, Math.Max(10, width - 2 - column));

    /// <summary>Moves to <paramref name="row"/> (then counts it) if it is on screen; the last row stays free for the scroll hint.</summary>
    private bool At(ref int row, int column, bool clipped)
    {
        int y = row++;
        if (y < 0 || y >= Viewport.Height - (clipped ? 1 : 0))
        {
            return false;
        }

        Move(column, y);
        return true;
    }

    private void Line(ref int row, int column, string value, Attribute attribute)
    {
        if (At(ref row, column, clipped: RowsNeeded(Viewport.Width) > Viewport.Height))
        {
            SetAttribute(attribute);
            AddStr(value);
        }
    }
}
