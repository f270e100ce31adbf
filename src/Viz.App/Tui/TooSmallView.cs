using System.Globalization;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>Shown instead of the dashboard when the terminal is smaller than the layout needs.</summary>
public sealed class TooSmallView : ThemedView
{
    /// <summary>The message drawn with <paramref name="theme"/>.</summary>
    public TooSmallView(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <summary>The message for a terminal of <paramref name="columns"/>×<paramref name="rows"/>.</summary>
    public static string MessageFor(int columns, int rows) => string.Create(
        CultureInfo.InvariantCulture,
        $"Terminal too small: need {MainWindow.MinColumns}×{MainWindow.MinRows} ({MainWindow.PanelColumns} columns for the side panels), have {columns}×{rows}. Enlarge the window or use a smaller font; q quits.");

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        SetAttribute(Theme.Ui.Text);
        FillRect(Viewport with { X = 0, Y = 0 }, new System.Text.Rune(' '));
        SetAttribute(Theme.Ui.Warning);
        List<string> lines = TextWrap.Words(MessageFor(Viewport.Width, Viewport.Height), Math.Max(1, width));
        int top = Math.Max(0, (Viewport.Height - lines.Count) / 2);
        for (int i = 0; i < lines.Count && top + i < Viewport.Height; i++)
        {
            Move(Math.Max(0, (width - lines[i].Length) / 2), top + i);
            AddStr(lines[i]);
        }

        return true;
    }
}
