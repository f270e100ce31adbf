using Viz.Simulation.Memory;

namespace Viz.Simulation.Snapshots;

/// <summary>
/// What a grid cell counts: pages per owner state (the first six layers, numbered as <see cref="PageState"/>), then
/// pages per attribute.
/// </summary>
public enum GridLayer
{
    /// <summary>Pages in <see cref="PageState.Free"/>.</summary>
    Free = PageState.Free,

    /// <summary>Pages in <see cref="PageState.Allocated"/>.</summary>
    Allocated = PageState.Allocated,

    /// <summary>Pages in <see cref="PageState.Kernel"/>.</summary>
    Kernel = PageState.Kernel,

    /// <summary>Pages in <see cref="PageState.Reporting"/>.</summary>
    Reporting = PageState.Reporting,

    /// <summary>Pages in <see cref="PageState.Hinted"/>.</summary>
    Hinted = PageState.Hinted,

    /// <summary>Pages in <see cref="PageState.Ballooned"/>.</summary>
    Ballooned = PageState.Ballooned,

    /// <summary>Free pages carrying PG_reported.</summary>
    Reported,

    /// <summary>Pages holding the poison pattern.</summary>
    Poisoned,

    /// <summary>Pages the host backs (in host RSS).</summary>
    Backed,

    /// <summary>Pages marked dirty in a running migration's bitmap (still to be sent); none without a migration.</summary>
    Dirty,
}

/// <summary>Helpers over <see cref="GridLayer"/>.</summary>
public static class GridLayers
{
    /// <summary>Number of layers.</summary>
    public const int Count = (int)GridLayer.Dirty + 1;
}
