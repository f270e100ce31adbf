using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>
/// Picks the one state a grid cell shows when it holds several pages. The rule, in order:
/// <list type="number">
/// <item>any page reporting or hinted: that state (reporting, then hinted) — they are short-lived and are what a viewer
/// watches for, so a single page of them shows;</item>
/// <item>during a migration, any page still dirty in its bitmap: dirty, so the first pass sweeps across the grid and
/// pages written since show up again;</item>
/// <item>otherwise the owner most of its pages have: free, allocated, kernel or ballooned (a tie goes to the first of
/// these) — a big balloon spread thinly over allocated memory does not paint it purple;</item>
/// <item>a mostly free cell shows reported when most of its free pages are reported ("reported, kept" when the host
/// still backs most of the cell: it refused to discard them), else poisoned when most of them hold the poison pattern,
/// else "free, no host page" when the host backs at most half of it, else free.</item>
/// </list>
/// </summary>
public static class CellClassifier
{
    /// <summary>The one-line form of the rule, for the legend.</summary>
    public const string RuleSummary =
        "mixed cell: any reporting › hinted › dirty page wins, else the majority (free › allocated › kernel › ballooned); a free cell shows reported (or reported, kept) › poisoned › no host page when most of it is";

    /// <summary>The state <paramref name="cell"/> of <paramref name="grid"/> shows.</summary>
    public static CellState Classify(GridAggregate grid, int cell)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Classify(grid.PagesIn(cell), grid.CellCounts(cell));
    }

    /// <summary>The state a cell of <paramref name="pages"/> pages with these per-layer counts shows.</summary>
    public static CellState Classify(int pages, ReadOnlySpan<int> counts) => Classify(
        pages,
        counts[(int)GridLayer.Free],
        counts[(int)GridLayer.Allocated],
        counts[(int)GridLayer.Kernel],
        counts[(int)GridLayer.Reporting],
        counts[(int)GridLayer.Hinted],
        counts[(int)GridLayer.Ballooned],
        counts[(int)GridLayer.Reported],
        counts[(int)GridLayer.Poisoned],
        counts[(int)GridLayer.Backed],
        counts[(int)GridLayer.Dirty]);

    /// <summary>The state a cell with these page counts shows.</summary>
    public static CellState Classify(
        int pages, int free, int allocated, int kernel, int reporting, int hinted, int ballooned, int reported, int poisoned, int backed, int dirty = 0)
    {
        if (pages <= 0)
        {
            return CellState.Empty;
        }

        if (reporting > 0)
        {
            return CellState.Reporting;
        }

        if (hinted > 0)
        {
            return CellState.Hinted;
        }

        if (dirty > 0)
        {
            return CellState.Dirty;
        }

        if (free >= allocated && free >= kernel && free >= ballooned)
        {
            if (reported * 2 > free)
            {
                return backed * 2 > pages ? CellState.ReportedKept : CellState.Reported;
            }

            if (poisoned * 2 > free)
            {
                return CellState.Poisoned;
            }

            return backed * 2 <= pages ? CellState.FreeUnbacked : CellState.Free;
        }

        if (allocated >= kernel && allocated >= ballooned)
        {
            return CellState.Allocated;
        }

        return kernel >= ballooned ? CellState.Kernel : CellState.Ballooned;
    }
}
