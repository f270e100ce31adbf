namespace Viz.Pipeline;

/// <summary>
/// What one grid cell shows: the state a viewer reads off its colour (or glyph). One cell may hold many pages; see
/// <see cref="CellClassifier"/> for the rule that picks one state for a mixed cell.
/// </summary>
public enum CellState : byte
{
    /// <summary>The cell holds no page (more cells than pages).</summary>
    Empty,

    /// <summary>Reserved by the kernel at boot.</summary>
    Kernel,

    /// <summary>In use by the guest.</summary>
    Allocated,

    /// <summary>Free, and the host still backs it.</summary>
    Free,

    /// <summary>Free, and the host backs none of it (never touched, or discarded).</summary>
    FreeUnbacked,

    /// <summary>Free and holding the page_poison pattern.</summary>
    Poisoned,

    /// <summary>Free with PG_reported, and the host discarded it: it backs none of it now.</summary>
    Reported,

    /// <summary>
    /// Free with PG_reported, but the host kept it: it refused to discard (poison_val ≠ 0 with page_poison, or ballooning
    /// inhibited), so reporting gave no memory back.
    /// </summary>
    ReportedKept,

    /// <summary>Isolated by free page reporting, waiting for the device.</summary>
    Reporting,

    /// <summary>Held by the balloon driver as a free page hint.</summary>
    Hinted,

    /// <summary>Inflated into the classic balloon.</summary>
    Ballooned,

    /// <summary>Dirty in a running migration's bitmap: not sent yet, or written since it was sent.</summary>
    Dirty,
}

/// <summary>Helpers over <see cref="CellState"/>.</summary>
public static class CellStates
{
    /// <summary>Number of cell states.</summary>
    public const int Count = (int)CellState.Dirty + 1;

    /// <summary>The states a legend lists, in the order it lists them (every state but <see cref="CellState.Empty"/>).</summary>
    public static IReadOnlyList<CellState> Shown { get; } =
    [
        CellState.Kernel, CellState.Allocated, CellState.Free, CellState.FreeUnbacked, CellState.Poisoned,
        CellState.Reported, CellState.ReportedKept, CellState.Reporting, CellState.Hinted, CellState.Ballooned, CellState.Dirty,
    ];

    /// <summary>A short name for legends and panels.</summary>
    public static string Label(this CellState state) => state switch
    {
        CellState.Empty => "empty",
        CellState.Kernel => "kernel",
        CellState.Allocated => "allocated",
        CellState.Free => "free",
        CellState.FreeUnbacked => "free, no host page",
        CellState.Poisoned => "poisoned",
        CellState.Reported => "reported",
        CellState.ReportedKept => "reported, kept",
        CellState.Reporting => "reporting",
        CellState.Hinted => "hinted",
        CellState.Ballooned => "ballooned",
        CellState.Dirty => "dirty (migration)",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown cell state"),
    };

    /// <summary>One sentence on what the state means, for the help screen.</summary>
    public static string Meaning(this CellState state) => state switch
    {
        CellState.Empty => "no page: the view has more cells than pages",
        CellState.Kernel => "reserved at boot and never freed: firmware, kernel image, memmap",
        CellState.Allocated => "in use by the guest: user memory, page cache, slab",
        CellState.Free => "on a buddy free list; the host still backs the page",
        CellState.FreeUnbacked => "on a free list; the host backs nothing (never touched or discarded)",
        CellState.Poisoned => "free and filled with 0xaa by page_poison=1, checked on allocation",
        CellState.Reported => "free with PG_reported: reported to the host, which discarded it",
        CellState.ReportedKept => "reported, but the host kept it (page_poison: poison_val is not 0), so no memory came back",
        CellState.Reporting => "isolated by free page reporting, waiting for the device's ack",
        CellState.Hinted => "held by the balloon driver as a free page hint until the host says DONE",
        CellState.Ballooned => "inflated into the classic balloon; the host took the page back",
        CellState.Dirty => "in the running migration's dirty bitmap: not sent yet, or written since it was sent",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown cell state"),
    };
}
