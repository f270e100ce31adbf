using System.Globalization;
using Terminal.Gui.Input;
using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Tui.Panels;

/// <summary>The text of the side panels, made from a frame. Shows only what the simulation core models.</summary>
public static class PanelText
{
    /// <summary>
    /// The features panel: the guest's poisoning options, what the device offers and what the driver negotiated, the
    /// hint state machine, the reporting worker and the balloon. Each toggle's line carries its key, as
    /// <paramref name="key"/> gives the keys of a binding by name (its label, and the key a click on the line presses).
    /// </summary>
    public static IReadOnlyList<PanelLine> Features(SimFrame frame, Func<string, (string Label, Key? Key)> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(frame);
        FeatureState f = frame.Features;
        BalloonCounts b = f.Balloon;
        string initOnAlloc = !f.InitOnAllocRequested ? "off"
            : f.InitOnAllocActive ? "on" : "asked, off (poisoning wins)";
        bool hinting = f.Negotiated.HasFlag(BalloonFeatures.FreePageHint);
        bool reporting = f.Negotiated.HasFlag(BalloonFeatures.Reporting);
        string hint = !f.Device.FreePageHint ? "off"
            : !hinting ? "offered, not negotiated"
            : string.Create(CultureInfo.InvariantCulture, $"on: {b.HintStatus.ToString().ToUpperInvariant()} id {b.HintCmdId:x}");
        string report = !f.Device.FreePageReporting ? "off"
            : !reporting ? "refused: poisoning needs PAGE_POISON"
            : string.Create(CultureInfo.InvariantCulture, $"on: {b.ReportingState?.ToString().ToLowerInvariant()}, {b.Reports:N0} reports");
        string design = f.HintDesign == FreePageHintDesign.V28 ? ", v28" : string.Empty;
        PanelLine Toggle(string label, string binding, string value)
        {
            (string keys, Key? click) = key(binding);
            return new PanelLine($"{$"{label} ({keys})",-19}{value}", Click: click);
        }

        return
        [
            Toggle("poison", "poison", PoisonName(f.Poison)),
            Toggle("init_on_alloc", "init-on-alloc", initOnAlloc),
            Toggle("hinting", "hinting", hint + design),
            Toggle("reporting", "reporting", report),
            Toggle("balloon", "balloon", $"{Bytes(b.Actual)} of {Bytes(b.NumPages)} target"),
            new($"negotiated  {(b.NegotiatedFeatures.Count == 0 ? "none" : string.Join(" ", b.NegotiatedFeatures))}"),
        ];
    }

    /// <summary>
    /// Points out the lines a demo's step changed: <paramref name="lines"/> with those whose index
    /// <paramref name="changed"/> gives for the step's command highlighted.
    /// </summary>
    public static IReadOnlyList<PanelLine> PointOut(IReadOnlyList<PanelLine> lines, string command, Func<string, IReadOnlyList<int>> changed)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(changed);
        IReadOnlyList<int> indices = changed(command);
        return [.. lines.Select((line, i) => indices.Contains(i) ? line with { Highlight = true } : line)];
    }

    /// <summary>The lines of the features panel a step's command changes (poison 0, init_on_alloc 1, hinting 2, reporting 3, balloon 4).</summary>
    public static IReadOnlyList<int> FeatureLinesOf(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Split(' ')[0] switch
        {
            "poison" => [0],
            "init-on-alloc" => [1],
            "poisoning" => [0, 1],
            "hinting" => [2],
            "reporting" => [3],
            "device" => [2, 3],
            "balloon" => [4],
            _ => [],
        };
    }

    /// <summary>The lines of the migration panel a step's command changes: its first, for a migration started or cancelled.</summary>
    public static IReadOnlyList<int> MigrationLinesOf(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command is "migrate" or "ping-pong" or "cancel-migration" ? [0] : [];
    }

    /// <summary>
    /// The migration panel: the running migration's phase, round, progress and figures, or the last one; and the last
    /// completed results with and without hinting side by side.
    /// </summary>
    public static IReadOnlyList<PanelLine> Migration(SimFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        MigrationView m = frame.Migration;
        CultureInfo c = CultureInfo.InvariantCulture;
        var lines = new List<PanelLine>();
        if (m.Number == 0)
        {
            lines.Add(new("none yet: m migrates, M ping-pongs"));
        }
        else
        {
            string phase = m.Phase switch
            {
                MigrationPhase.StopAndCopy => "stop-and-copy",
                MigrationPhase.NotConverged => "did not converge",
                null => "none",
                MigrationPhase p => p.ToString().ToLowerInvariant(),
            };
            lines.Add(new(string.Create(c, $"#{m.Number}{(m.PingPong ? " ping-pong" : string.Empty)} {phase}, round {m.Round}, {SimDuration.Format(m.ElapsedNs)}")));
            int barWidth = Math.Max(4, width - 16);
            double done = m.Active ? 1 - (m.RemainingDirtyPages / (double)Math.Max(1, frame.Counts.TotalPages)) : 1;
            int filled = (int)Math.Round(done * barWidth);
            lines.Add(new(string.Create(c, $"[{new string('█', filled)}{new string('·', barWidth - filled)}] {done * 100,3:0}%")));
            lines.Add(new(string.Create(c, $"dirty {m.RemainingDirtyPages:N0}  sent {ByteSize.Format(m.BytesTransferred)}")));
            lines.Add(new(string.Create(c, $"skipped by hints {m.PagesSkippedByHint:N0} pages")));
        }

        lines.Add(new(LastResults(m)));
        return lines;
    }

    /// <summary>
    /// One line with the figures a short or narrow terminal's side panels leave out: host RSS, free memory, OOM events and
    /// poison errors, and the last migrations with and without hinting; as many as fit in <paramref name="width"/>.
    /// </summary>
    public static string Summary(SimFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        MemoryCounts c = frame.Counts;
        MigrationView m = frame.Migration;
        string[] parts =
        [
            $"host RSS {Bytes(c.Backed)}",
            $"free {Bytes(c.Free)}",
            string.Create(CultureInfo.InvariantCulture, $"OOM {c.OutOfMemoryEvents:N0}"),
            $"migrated: legacy {TimeOf(m.LastLegacy)}, hinting {TimeOf(m.LastHinting)}",
            string.Create(CultureInfo.InvariantCulture, $"poison errors {c.PoisonErrorPages:N0}"),
            m.Active ? string.Create(CultureInfo.InvariantCulture, $"migration #{m.Number} round {m.Round}") : string.Empty,
        ];
        string line = string.Empty;
        foreach (string part in parts.Where(p => p.Length > 0))
        {
            string longer = line.Length == 0 ? part : line + " · " + part;
            if (longer.Length > width)
            {
                break;
            }

            line = longer;
        }

        return line;
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
            Row(" discarded", frame.Features.Balloon.DiscardedPages),
            Row(" in swap", frame.Features.Balloon.SwappedPages),
            Number("refaults", c.Refaults),
            Number("poison errors", c.PoisonErrorPages, warnWhenSet: true),
            Number("OOM events", c.OutOfMemoryEvents, warnWhenSet: true),
            new(string.Create(CultureInfo.InvariantCulture, $"{c.Workload} ({c.WorkloadPhase}): {c.WorkPerSecond:0.#} {c.WorkUnit}/s")),
        ];
    }

    /// <summary>The sparklines: host RSS, free memory and migration-dirty memory over simulated time, scaled to the guest's size.</summary>
    public static IReadOnlyList<PanelLine> Trends(SimFrame frame, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        const int LabelWidth = 9;
        int sparkWidth = Math.Max(1, width - LabelWidth - 10);
        double total = frame.Counts.TotalPages;
        double[] rss = [.. frame.History.Select(s => (double)s.HostRssPages)];
        double[] free = [.. frame.History.Select(s => (double)s.FreePages)];
        double[] dirty = [.. frame.History.Select(s => (double)s.DirtyPages)];
        double seconds = frame.History.Length * FrameBuilder.HistoryIntervalNs / (double)SimDuration.NsPerSecond;
        return
        [
            new($"{"host RSS",-LabelWidth}{Sparkline.Render(rss, sparkWidth, total)} {Bytes(frame.Counts.Backed),9}"),
            new($"{"free",-LabelWidth}{Sparkline.Render(free, sparkWidth, total)} {Bytes(frame.Counts.Free),9}"),
            new($"{"dirty",-LabelWidth}{Sparkline.Render(dirty, sparkWidth, total)} {Bytes(frame.Migration.RemainingDirtyPages),9}"),
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
        lines.Add(new(frame.Migration.Active
            ? string.Create(CultureInfo.InvariantCulture, $"dirty in the migration bitmap: {s.Count(GridLayer.Dirty):N0}")
            : "dirty: no migration running"));
        return lines;
    }

    /// <summary>What the status bar says for a few seconds when migration <paramref name="number"/> ended.</summary>
    public static string MigrationEnded(int number, MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string how = result.Hinting ? "(hinting)" : "(legacy)";
        return result.Outcome switch
        {
            MigrationOutcome.Completed => string.Create(CultureInfo.InvariantCulture, $"migration #{number} done {how}: {SimDuration.Format(result.TotalTimeNs)}, downtime {SimDuration.Format(result.DowntimeNs)}, {ByteSize.Format(result.BytesTransferred)} sent, {result.FreePagesAtStart / (double)result.GuestPages:0%} of the guest free at start"),
            MigrationOutcome.NotConverged => $"migration #{number} did not converge {how} after {result.Rounds} rounds",
            _ => $"migration #{number} cancelled after {SimDuration.Format(result.TotalTimeNs)}",
        };
    }

    /// <summary>A migration's total time, or "-" when there was none.</summary>
    private static string TimeOf(MigrationResult? result) => result is null ? "-" : SimDuration.Format(result.TotalTimeNs);

    private static string LastResults(MigrationView m)
    {
        string line = $"last: legacy {TimeOf(m.LastLegacy)}, hinting {TimeOf(m.LastHinting)}";
        if (m.Last is { MismatchedPages: > 0 } bad)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {bad.MismatchedPages:N0} PAGES DIFFER");
        }

        return line;
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
