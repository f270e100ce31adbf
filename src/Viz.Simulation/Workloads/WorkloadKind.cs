using Viz.Simulation.Guest;

namespace Viz.Simulation.Workloads;

/// <summary>The workloads a guest can run.</summary>
public enum WorkloadKind
{
    /// <summary>Nothing beyond the boot footprint and a few daemons waking up.</summary>
    Idle,

    /// <summary>A parallel kernel build (make -j4): short-lived mixed-order allocations, written, and a steady page cache.</summary>
    Build,

    /// <summary>memhog: allocate and write N GiB, hold it, free it all, then stay idle.</summary>
    Hog,

    /// <summary>Streams files into the page cache, then drops the cache.</summary>
    PageCache,

    /// <summary>An idle guest in which a program wrote a share of the memory and then freed it (free, but not zero).</summary>
    Freed,
}
