using System.Drawing;
using System.Globalization;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Panels;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;
using Viz.Simulation.Units;

namespace Viz.App.Tui;

/// <summary>
/// Two guests side by side (--versus): for each, a line with its name (the option and its value), a line with its key
/// figures (host RSS, free, the running migration's progress or the last one's time) and its grid; the same window of
/// pages on both, so the same cell is the same pages.
/// </summary>
public sealed class VersusView : View
{
    /// <summary>Rows above each grid: the name and the figures.</summary>
    public const int HeadRows = 2;

    private readonly LineView[] _names;
    private readonly LineView[] _figures;
    private readonly PageGridView[] _grids;
    private readonly IReadOnlyList<string> _labels;

    /// <summary>The two sides, called <paramref name="labels"/>, drawn with <paramref name="theme"/>.</summary>
    public VersusView(Theme theme, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels;
        CanFocus = false;
        _names = [new LineView(theme), new LineView(theme)];
        _figures = [new LineView(theme), new LineView(theme)];
        _grids = [new PageGridView(new GridPalette(theme)), new PageGridView(new GridPalette(theme))];
        Add(_names[0], _names[1], _figures[0], _figures[1], _grids[0], _grids[1]);
    }

    /// <summary>Each side's grid width for a view <paramref name="width"/> wide: half of it, less a column between them.</summary>
    public static int GridWidth(int width) => Math.Max(1, (width - 1) / 2);

    /// <summary>Places the parts in a view of <paramref name="size"/>.</summary>
    public void PlaceParts(Size size)
    {
        int half = GridWidth(size.Width);
        for (int side = 0; side < 2; side++)
        {
            int x = side == 0 ? 0 : size.Width - half;
            Place(_names[side], new Rectangle(x, 0, half, 1));
            Place(_figures[side], new Rectangle(x, 1, half, 1));
            Place(_grids[side], new Rectangle(x, HeadRows, half, Math.Max(1, size.Height - HeadRows)));
        }
    }

    /// <summary>Shows both guests' frames, the cursor on <paramref name="cursor"/>.</summary>
    public void Show(IReadOnlyList<SimFrame> frames, int cursor)
    {
        ArgumentNullException.ThrowIfNull(frames);
        for (int side = 0; side < Math.Min(2, frames.Count); side++)
        {
            SimFrame frame = frames[side];
            _names[side].SetText($"[{(side == 0 ? "A" : "B")}] {_labels[side]}", frame.Counts.Workload);
            _figures[side].SetText(Figures(frame, _figures[side].Viewport.Width), string.Empty);
            _grids[side].Show(frame.Grid, cursor);
        }
    }

    /// <summary>Sets the theme of every part.</summary>
    public void SetTheme(Theme theme)
    {
        foreach (LineView line in _names.Concat(_figures))
        {
            line.SetTheme(theme);
        }

        foreach (PageGridView grid in _grids)
        {
            grid.SetPalette(new GridPalette(theme));
        }
    }

    /// <summary>
    /// A side's key figures, as many as fit in <paramref name="width"/>: the migration running (its round and time) or
    /// the last one, then host RSS, then free memory.
    /// </summary>
    public static string Figures(SimFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        MigrationView m = frame.Migration;
        string migration = m.Active
            ? string.Create(CultureInfo.InvariantCulture, $"#{m.Number} round {m.Round}, {SimDuration.Format(m.ElapsedNs)}")
            : m.Last is { } last ? $"#{m.Number} done in {SimDuration.Format(last.TotalTimeNs)}{(last.MismatchedPages > 0 ? $", {last.MismatchedPages:N0} PAGES DIFFER" : string.Empty)}"
            : "not migrated";
        string line = migration;
        foreach (string part in new[] { $"RSS {PanelText.Bytes(frame.Counts.Backed)}", $"free {PanelText.Bytes(frame.Counts.Free)}" })
        {
            if (line.Length + 3 + part.Length <= width)
            {
                line += " · " + part;
            }
        }

        return line;
    }

    private static void Place(View view, Rectangle place) => Placement.Place(view, place);
}
