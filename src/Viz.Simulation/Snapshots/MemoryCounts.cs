using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Snapshots;

/// <summary>Whole-guest figures at one moment, in pages (multiply by 4096 for bytes, or use the Bytes helpers).</summary>
public sealed record MemoryCounts
{
    /// <summary>Virtual time of the snapshot.</summary>
    public required long TimeNs { get; init; }

    /// <summary>Guest pages in all.</summary>
    public required int TotalPages { get; init; }

    /// <summary>Pages in <see cref="PageState.Free"/>.</summary>
    public required long Free { get; init; }

    /// <summary>Pages in <see cref="PageState.Allocated"/>.</summary>
    public required long Allocated { get; init; }

    /// <summary>Pages in <see cref="PageState.Kernel"/>.</summary>
    public required long Kernel { get; init; }

    /// <summary>Pages in <see cref="PageState.Reporting"/>.</summary>
    public required long Reporting { get; init; }

    /// <summary>Pages in <see cref="PageState.Hinted"/>.</summary>
    public required long Hinted { get; init; }

    /// <summary>Pages in <see cref="PageState.Ballooned"/>.</summary>
    public required long Ballooned { get; init; }

    /// <summary>Free pages with PG_reported.</summary>
    public required long Reported { get; init; }

    /// <summary>Pages holding the poison pattern.</summary>
    public required long Poisoned { get; init; }

    /// <summary>Pages the host backs: the guest's host RSS in pages.</summary>
    public required long Backed { get; init; }

    /// <summary>Pages in the guest's page cache.</summary>
    public required long PageCache { get; init; }

    /// <summary>Host faults on first touch.</summary>
    public required long FirstTouchFaults { get; init; }

    /// <summary>Host faults on discarded pages.</summary>
    public required long Refaults { get; init; }

    /// <summary>Pages that failed the poison check on allocation.</summary>
    public required long PoisonErrorPages { get; init; }

    /// <summary>Allocations that failed after reclaim.</summary>
    public required long OutOfMemoryEvents { get; init; }

    /// <summary>The workload, written as a spec (hog:3GiB).</summary>
    public required string Workload { get; init; }

    /// <summary>The workload's phase.</summary>
    public required string WorkloadPhase { get; init; }

    /// <summary>Work the workload has done, in <see cref="WorkUnit"/>.</summary>
    public required double WorkDone { get; init; }

    /// <summary>Work per simulated second over the last second.</summary>
    public required double WorkPerSecond { get; init; }

    /// <summary>The unit of work.</summary>
    public required string WorkUnit { get; init; }

    /// <summary>Pages in <paramref name="state"/>.</summary>
    public long PagesIn(PageState state) => state switch
    {
        PageState.Free => Free,
        PageState.Allocated => Allocated,
        PageState.Kernel => Kernel,
        PageState.Reporting => Reporting,
        PageState.Hinted => Hinted,
        PageState.Ballooned => Ballooned,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown page state"),
    };

    /// <summary>Bytes for a number of pages.</summary>
    public static long Bytes(long pages) => pages * KernelConstants.PageSize;
}
