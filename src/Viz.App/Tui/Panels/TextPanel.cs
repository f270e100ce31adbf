using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Panels;

/// <summary>A titled block of <see cref="PanelLine"/>s; redrawn only when its lines change.</summary>
public sealed class TextPanel : ThemedView
{
    private IReadOnlyList<PanelLine> _lines = [];

    /// <summary>A panel titled <paramref name="heading"/>.</summary>
    public TextPanel(string heading, Theme theme)
        : base(theme)
    {
        Heading = heading;
        CanFocus = false;
    }

    /// <summary>Raised with the line a click landed on.</summary>
    public event Action<PanelLine>? LineClicked;

    /// <summary>The heading drawn on the first row.</summary>
    public string Heading { get; }

    /// <summary>Shows <paramref name="lines"/>, redrawing only if they differ from what is shown.</summary>
    public void SetLines(IReadOnlyList<PanelLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (!lines.SequenceEqual(_lines))
        {
            _lines = lines;
            SetNeedsDraw();
        }
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        Attribute text = Theme.Ui.Text;
        Attribute heading = Theme.Ui.Heading;
        Attribute warning = Theme.Ui.Warning;
        Write(0, 0, Heading, heading, width);
        for (int i = 0; i < _lines.Count && i + 1 < Viewport.Height; i++)
        {
            PanelLine line = _lines[i];
            int column = 0;
            if (line.Swatch is { } state)
            {
                Move(0, i + 1);
                SetAttribute(new Attribute(Theme.Glyphs ? Theme.Ui.Foreground : Theme.ColourOf(state), Theme.Ui.Background));
                AddStr(Theme.Glyphs ? Theme.GlyphOf(state) + Theme.GlyphOf(state) : "██");
                column = 3;
            }

            Write(column, i + 1, line.Highlight ? line.Text.PadRight(width - column) : line.Text, line.Highlight ? Theme.Ui.Caption : line.Warning ? warning : text, width - column);
        }

        return true;
    }

    /// <inheritdoc/>
    protected override bool OnMouseEvent(Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);
        if (mouse.Flags.HasFlag(MouseFlags.LeftButtonClicked) && mouse.Position is { Y: > 0 } position && position.Y - 1 < _lines.Count)
        {
            LineClicked?.Invoke(_lines[position.Y - 1]);
            return true;
        }

        return false;
    }

    private void Write(int column, int row, string value, Attribute attribute, int width)
    {
        Move(column, row);
        SetAttribute(attribute);
        AddStr(value.Length > width ? value[..Math.Max(0, width)] : value.PadRight(Math.Max(0, width)));
    }
}
