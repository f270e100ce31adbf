using System.Globalization;
using Viz.Pipeline;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;

namespace Viz.App.Tui.Panels;

/// <summary>The text of the side panels, made from a frame. Shows only what the simulation core models.</summary>
public static class PanelText
{
    /// <summary>What a panel says about a feature the core does not model yet.</summary>
    public const string NotInBuild = "not in this build yet";

    /// <summary>
    /// The features panel: the guest's poisoning options now, and the device features still to come. A click on a line
    /// acts like its key (see <see cref="Visualizer.ClickFeature"/>), so keep the order.
    /// </summary>
    public static IReadOnlyList<PanelLine> Features(SimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FeatureState f = frame.Features;
        string initOnAlloc = !f.InitOnAllocRequested ? "off"
            : f.InitOnAllocActive ? "on" : "asked, off (poisoning wins)";
        return
        [
            new($"poison (p)         {PoisonName(f.Poison)}"),
            new($"init_on_alloc (a)  {initOnAlloc}"),
            new($"virtio-balloon     {NotInBuild}"),
            new($"migration          {NotInBuild}"),
        ];
    }

    /// <summary>The counters panel: pages and bytes per state, host RSS, faults, errors, the workload.</summary>
    public static IReadOnlyList<PanelLine> Counters(SimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        MemoryCounts c = frame.Counts;
        long freeUnreported = c.Free - c.Reported;
        PanelLine Row(string name, long pages, CellState? swatch = null) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{name,-14}{pages,10:N0} {Bytes(pages),10}"), swatch);
        PanelLine Number(string name, long value, bool warnWhenSet = false) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{name,-14}{value,10:N0}"), null, warnWhenSet && value > 0);
        return
        [
            Row("kernel", c.Kernel, CellState.Kernel),
            Row("allocated", c.Allocated, CellState.Allocated),
            Row(" page cache", c.PageCache),
            Row("free", freeUnreported, CellState.Free),
            Row("reported", c.Reported, CellState.Reported),
            Row("poisoned", c.Poisoned, CellState.Poisoned),
            Row("reporting", c.Reporting, CellState.Reporting),
            Row("hinted", c.Hinted, CellState.Hinted),
            Row("ballooned", c.Ballooned, CellState.Ballooned),
            Row("host RSS", c.Backed),
            Number("refaults", c.Refaults),
            Number("poison errors", c.PoisonErrorPages, warnWhenSet: true),
            Number("OOM events", c.OutOfMemoryEvents, warnWhenSet: true),
            new(string.Create(CultureInfo.InvariantCulture, $"{c.Workload} ({c.WorkloadPhase}): {c.WorkPerSecond:0.#} {c.WorkUnit}/s")),
        ];
    }

    /// <summary>The sparklines: host RSS and free memory over simulated time, scaled to the guest's size.</summary>
    public static IReadOnlyList<PanelLine> Trends(SimFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        const int LabelWidth = 9;
        int sparkWidth = Math.Max(1, width - LabelWidth - 10);
        double total = frame.Counts.TotalPages;
        double[] rss = [.. frame.History.Select(s => (double)s.HostRssPages)];
        double[] free = [.. frame.History.Select(s => (double)s.FreePages)];
        double seconds = frame.History.Length * FrameBuilder.HistoryIntervalNs / (double)SimDuration.NsPerSecond;
        return
        [
            new($"{"host RSS",-LabelWidth}{Sparkline.Render(rss, sparkWidth, total)} {Bytes(frame.Counts.Backed),9}"),
            new($"{"free",-LabelWidth}{Sparkline.Render(free, sparkWidth, total)} {Bytes(frame.Counts.Free),9}"),
            new(string.Create(CultureInfo.InvariantCulture, $"last {seconds:0} s simulated; scale 0 to {Bytes(frame.Counts.TotalPages)}")),
        ];
    }

    /// <summary>The details pane: the selected cell's pages, states, free blocks and host backing.</summary>
    public static IReadOnlyList<PanelLine> Details(SimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Selection is not { } s)
        {
            return [new("no cell selected: use the arrow keys or click the grid")];
        }

        int end = s.StartPfn + s.PageCount - 1;
        var lines = new List<PanelLine>
        {
            new(string.Create(CultureInfo.InvariantCulture, $"pfn {s.StartPfn:x}-{end:x}: {s.PageCount:N0} page{(s.PageCount == 1 ? string.Empty : "s")} at {Bytes(s.StartPfn)}")),
        };
        var owners = new List<string>();
        foreach (GridLayer layer in new[] { GridLayer.Free, GridLayer.Allocated, GridLayer.Kernel, GridLayer.Reporting, GridLayer.Hinted, GridLayer.Ballooned })
        {
            if (s.Count(layer) > 0)
            {
                owners.Add(string.Create(CultureInfo.InvariantCulture, $"{layer.ToString().ToLowerInvariant()} {s.Count(layer):N0}"));
            }
        }

        lines.Add(new(string.Join(", ", owners)));
        lines.Add(new(string.Create(CultureInfo.InvariantCulture, $"reported {s.Count(GridLayer.Reported):N0}, poisoned {s.Count(GridLayer.Poisoned):N0}")));
        lines.Add(new(string.Create(CultureInfo.InvariantCulture, $"host backs {s.Count(GridLayer.Backed):N0} of {s.PageCount:N0} pages")));
        var orders = new List<string>();
        for (int order = 0; order < s.FreeBlocksByOrder.Length; order++)
        {
            if (s.FreeBlocksByOrder[order] > 0)
            {
                orders.Add(string.Create(CultureInfo.InvariantCulture, $"{order}×{s.FreeBlocksByOrder[order]}"));
            }
        }

        lines.Add(new(orders.Count == 0 ? "free blocks: none" : "free blocks (order×n): " + string.Join(" ", orders)));
        lines.Add(new("dirty: n/a (no migration engine yet)"));
        return lines;
    }

    /// <summary>How the poison mode is written on the kernel command line.</summary>
    public static string PoisonName(PoisonMode mode) => mode switch
    {
        PoisonMode.Off => "off",
        PoisonMode.PagePoison => "page_poison=1 (0xaa)",
        PoisonMode.InitOnFree => "init_on_free=1 (zero)",
        _ => mode.ToString(),
    };

    /// <summary>Bytes of <paramref name="pages"/> pages, e.g. "3.5 GiB".</summary>
    public static string Bytes(long pages) => ByteSize.Format(pages * KernelConstants.PageSize);
}
