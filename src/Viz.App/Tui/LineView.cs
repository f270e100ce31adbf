using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>
/// One line of text with a right-aligned part (the header and the status bar). Segments wrapped in [brackets] on the
/// left are drawn in the accent colour, so the status bar can highlight its keys. Redrawn only when the text changes.
/// </summary>
public sealed class LineView : ThemedView
{
    private string _left = string.Empty;
    private string _right = string.Empty;
    private bool _rightIsWarning;

    /// <summary>A line drawn with <paramref name="theme"/>.</summary>
    public LineView(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <summary>Sets the text.</summary>
    public void SetText(string left, string right, bool rightIsWarning = false)
    {
        if (left != _left || right != _right || rightIsWarning != _rightIsWarning)
        {
            _left = left;
            _right = right;
            _rightIsWarning = rightIsWarning;
            SetNeedsDraw();
        }
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        Attribute text = Theme.Ui.Text;
        Attribute accent = Theme.Ui.Heading;
        Attribute warning = Theme.Ui.Warning;
        string right = _right.Length > width ? _right[..width] : _right;
        int leftWidth = Math.Max(0, width - right.Length - (right.Length > 0 ? 2 : 0));
        Move(0, 0);
        int column = 0;
        bool inKey = false;
        foreach (char c in _left)
        {
            if (c is '[' or ']')
            {
                inKey = c == '[';
                continue;
            }

            if (column >= leftWidth)
            {
                break;
            }

            SetAttribute(inKey ? accent : text);
            AddStr(c.ToString());
            column++;
        }

        SetAttribute(text);
        AddStr(new string(' ', Math.Max(0, width - column - right.Length)));
        SetAttribute(_rightIsWarning ? warning : accent);
        AddStr(right);
        return true;
    }
}
