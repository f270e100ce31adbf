using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Log;

/// <summary>Draws an <see cref="EventLog"/>: a heading with its state, then the newest lines that fit. The wheel scrolls it.</summary>
public sealed class EventLogView : ThemedView
{
    private static readonly HashSet<string> WarningKinds = new(StringComparer.Ordinal) { "poison", "oom" };

    /// <summary>A view of <paramref name="log"/>.</summary>
    public EventLogView(EventLog log, Theme theme)
        : base(theme)
    {
        Log = log ?? throw new ArgumentNullException(nameof(log));
        CanFocus = false;
    }

    /// <summary>The log shown.</summary>
    public EventLog Log { get; }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        Attribute text = Theme.Ui.Text;
        Attribute heading = Theme.Ui.Heading;
        var warning = new Attribute(Theme.Ui.Error, Theme.Ui.Background);
        string state = (Log.Paused ? $"PAUSED ({Log.HeldCount} new held)" : "live")
            + $" · kind: {Log.Filter ?? "all"}"
            + (Log.ScrollOffset > 0 ? $" · scrolled up {Log.ScrollOffset}" : string.Empty);
        Write(0, $"Events  {state}  (e pause, f filter, PgUp/PgDn scroll)", heading, width);
        IReadOnlyList<LogLine> lines = Log.Visible(Math.Max(0, Viewport.Height - 1));
        for (int row = 1; row < Viewport.Height; row++)
        {
            LogLine? line = row - 1 < lines.Count ? lines[row - 1] : null;
            Write(row, line?.ToString() ?? string.Empty, line is not null && WarningKinds.Contains(line.Kind) ? warning : text, width);
        }

        return true;
    }

    /// <inheritdoc/>
    protected override bool OnMouseEvent(Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);
        if (mouse.Flags.HasFlag(MouseFlags.WheeledUp))
        {
            Log.Scroll(3);
            SetNeedsDraw();
            return true;
        }

        if (mouse.Flags.HasFlag(MouseFlags.WheeledDown))
        {
            Log.Scroll(-3);
            SetNeedsDraw();
            return true;
        }

        return false;
    }

    private void Write(int row, string value, Attribute attribute, int width)
    {
        Move(0, row);
        SetAttribute(attribute);
        AddStr(value.Length > width ? value[..Math.Max(0, width)] : value.PadRight(Math.Max(0, width)));
    }
}
