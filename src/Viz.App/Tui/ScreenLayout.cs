using System.Drawing;

namespace Viz.App.Tui;

/// <summary>
/// Where each part of the visualizer's screen goes for a terminal of a given size: the header (and, when the side
/// panels cannot show the key figures, a summary line under it), the grid, the legend and the event log on the left,
/// and the side panels on the right, stacked by priority so that a short terminal (a projector's 120×35) drops the least
/// important ones rather than all of them. Pure: the same size and choices give the same layout.
/// </summary>
public sealed record ScreenLayout
{
    /// <summary>The narrowest terminal the screen works in (without the side panels).</summary>
    public const int MinColumns = 60;

    /// <summary>The shortest terminal the screen works in.</summary>
    public const int MinRows = 20;

    /// <summary>The narrowest terminal with room for the side panels.</summary>
    public const int PanelColumns = 100;

    /// <summary>The side panels' width on a terminal narrower than <see cref="WideColumns"/>.</summary>
    public const int SideWidth = 44;

    /// <summary>From this width on the side panels widen to a third of the terminal (at most <see cref="MaxSideWidth"/>).</summary>
    public const int WideColumns = 150;

    /// <summary>The widest the side panels get.</summary>
    public const int MaxSideWidth = 64;

    /// <summary>Rows of the event log, with its heading.</summary>
    public const int LogRows = 8;

    /// <summary>Rows of the event log when the side panels do not fit.</summary>
    public const int CompactLogRows = 5;

    /// <summary>The side panels in the order they are given room; each with the rows it wants and the fewest it can do with.</summary>
    private static readonly (SidePanel Panel, int Rows, int Minimum)[] Priorities =
    [
        (SidePanel.Migration, 7, 7), (SidePanel.Features, 7, 7), (SidePanel.Counters, 17, 8), (SidePanel.Details, 7, 3), (SidePanel.Trends, 4, 4),
    ];

    /// <summary>Whether the terminal is big enough for the screen at all.</summary>
    public required bool Fits { get; init; }

    /// <summary>Whether the side panels are shown.</summary>
    public required bool SidePanels { get; init; }

    /// <summary>The side panels' width (0 without them).</summary>
    public required int PanelWidth { get; init; }

    /// <summary>Whether the summary line under the header is shown (the side panels leave out a key figure).</summary>
    public required bool Summary { get; init; }

    /// <summary>The header row.</summary>
    public required Rectangle Header { get; init; }

    /// <summary>The summary row (empty when not shown).</summary>
    public required Rectangle SummaryRow { get; init; }

    /// <summary>The page grid.</summary>
    public required Rectangle Grid { get; init; }

    /// <summary>The legend (empty when hidden).</summary>
    public required Rectangle Legend { get; init; }

    /// <summary>The event log (empty when hidden).</summary>
    public required Rectangle Log { get; init; }

    /// <summary>The status bar.</summary>
    public required Rectangle Status { get; init; }

    /// <summary>A demo's caption bar, under the header (empty without a demo).</summary>
    public Rectangle Caption { get; init; }

    /// <summary>Each side panel's place; a panel left out has an empty one.</summary>
    public required IReadOnlyDictionary<SidePanel, Rectangle> Panels { get; init; }

    /// <summary>
    /// The layout for a terminal of <paramref name="width"/>×<paramref name="height"/>, with or without the event log and
    /// the legend; <paramref name="legendRows"/> says how many rows the legend needs at a width. A demo's caption bar
    /// takes <paramref name="captionRows"/> rows under the header, across the whole width.
    /// </summary>
    public static ScreenLayout For(int width, int height, bool logVisible, bool legendVisible, Func<int, int> legendRows, int captionRows = 0)
    {
        ArgumentNullException.ThrowIfNull(legendRows);
        Rectangle status = new(0, Math.Max(0, height - 1), width, 1);
        bool fits = width >= MinColumns && height >= MinRows;
        bool side = fits && width >= PanelColumns;
        int sideWidth = !side ? 0 : width >= WideColumns ? Math.Min(MaxSideWidth, width / 3) : SideWidth;
        int first = 1 + captionRows;
        Dictionary<SidePanel, Rectangle> panels = Enum.GetValues<SidePanel>().ToDictionary(p => p, _ => Rectangle.Empty);
        bool allKeyFigures = side && StackPanels(panels, width - sideWidth - 1, sideWidth, top: first, height - 1 - first);
        bool summary = fits && !allKeyFigures;
        if (side && summary)
        {
            // The summary line takes the row under the header across the whole width: the panels start below it.
            StackPanels(panels, width - sideWidth - 1, sideWidth, top: first + 1, height - 2 - first);
        }

        int left = side ? width - sideWidth - 1 : width;
        int top = summary ? first + 1 : first;
        int logRows = !logVisible ? 0 : side ? LogRows : CompactLogRows;
        int legend = legendVisible ? legendRows(left) : 0;
        int gridRows = Math.Max(1, height - 1 - top - legend - logRows);
        return new ScreenLayout
        {
            Fits = fits,
            SidePanels = side,
            PanelWidth = sideWidth,
            Summary = summary,
            Header = new Rectangle(0, 0, width, 1),
            SummaryRow = summary ? new Rectangle(0, first, width, 1) : Rectangle.Empty,
            Caption = captionRows > 0 && fits ? new Rectangle(0, 1, width, captionRows) : Rectangle.Empty,
            Grid = new Rectangle(0, top, left, gridRows),
            Legend = legend > 0 ? new Rectangle(0, top + gridRows, left, legend) : Rectangle.Empty,
            Log = logRows > 0 ? new Rectangle(0, top + gridRows + legend, left, logRows) : Rectangle.Empty,
            Status = status,
            Panels = panels,
        };
    }

    /// <summary>
    /// Gives the side panels rows in priority order, stacks them top to bottom in screen order, and gives what is left to
    /// the last one shown. Returns whether the migration panel and the whole counters panel (host RSS, OOM) are shown.
    /// </summary>
    private static bool StackPanels(Dictionary<SidePanel, Rectangle> panels, int column, int width, int top, int rows)
    {
        var given = new Dictionary<SidePanel, int>();
        int left = rows;
        foreach ((SidePanel panel, int wanted, int minimum) in Priorities)
        {
            int take = left >= wanted ? wanted : left >= minimum ? left : 0;
            given[panel] = take;
            left -= take;
        }

        SidePanel[] shown = [.. Enum.GetValues<SidePanel>().Where(p => given[p] > 0)];
        if (shown.Length > 0)
        {
            given[shown[^1]] += left;
        }

        foreach (SidePanel panel in Enum.GetValues<SidePanel>())
        {
            panels[panel] = Rectangle.Empty;
        }

        int row = top;
        foreach (SidePanel panel in shown)
        {
            panels[panel] = new Rectangle(column + 1, row, width, given[panel]);
            row += given[panel];
        }

        return given[SidePanel.Migration] > 0 && given[SidePanel.Counters] >= Priorities.Single(p => p.Panel == SidePanel.Counters).Rows;
    }
}

/// <summary>The side panels, in the order they stand on the screen, top to bottom.</summary>
public enum SidePanel
{
    /// <summary>The selected cell.</summary>
    Details,

    /// <summary>The guest's and the device's features.</summary>
    Features,

    /// <summary>The running or last migration.</summary>
    Migration,

    /// <summary>Pages per state, host RSS, errors.</summary>
    Counters,

    /// <summary>Sparklines.</summary>
    Trends,
}
