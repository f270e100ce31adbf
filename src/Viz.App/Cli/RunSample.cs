using Viz.Simulation.Guest;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>The figures `balloonviz run` prints for one moment of a run (field names are the JSON names).</summary>
public sealed record RunSample
{
    /// <summary>Simulated seconds since boot.</summary>
    public required double T { get; init; }

    /// <summary>Bytes the host backs for this guest.</summary>
    public required long HostRssBytes { get; init; }

    /// <summary>Free pages (on the buddy free lists).</summary>
    public required long PagesFree { get; init; }

    /// <summary>Allocated pages (user, page cache, slab).</summary>
    public required long PagesAllocated { get; init; }

    /// <summary>Pages reserved by the kernel at boot.</summary>
    public required long PagesKernel { get; init; }

    /// <summary>Free pages with PG_reported.</summary>
    public required long PagesReported { get; init; }

    /// <summary>Pages isolated by free page reporting, waiting for the device.</summary>
    public required long PagesReporting { get; init; }

    /// <summary>Pages held as free page hints.</summary>
    public required long PagesHinted { get; init; }

    /// <summary>Pages in the balloon.</summary>
    public required long PagesBallooned { get; init; }

    /// <summary>Pages holding the poison pattern.</summary>
    public required long PagesPoisoned { get; init; }

    /// <summary>Pages in the page cache.</summary>
    public required long PageCachePages { get; init; }

    /// <summary>Host faults on pages whose backing had been discarded.</summary>
    public required long Refaults { get; init; }

    /// <summary>Host faults on first touch.</summary>
    public required long FirstTouchFaults { get; init; }

    /// <summary>Pages that failed the poison check on allocation.</summary>
    public required long PoisonErrors { get; init; }

    /// <summary>Pages in all ranges the host discarded (inflate, reports, and Firecracker-style hint runs).</summary>
    public required long Discards { get; init; }

    /// <summary>Pages a Firecracker-style hint run discarded after the guest had taken them back: data lost (the race).</summary>
    public long HintRacePages { get; init; }

    /// <summary>Pages the host wrote to swap.</summary>
    public required long SwapOutPages { get; init; }

    /// <summary>Pages the host read back from swap.</summary>
    public required long SwapInPages { get; init; }

    /// <summary>Guest pages in the host's swap now.</summary>
    public required long SwappedPages { get; init; }

    /// <summary>Simulated host I/O time spent swapping, in milliseconds.</summary>
    public required double SwapIoMs { get; init; }

    /// <summary>The negotiated balloon features, by spec name.</summary>
    public required IReadOnlyList<string> NegotiatedFeatures { get; init; }

    /// <summary>Config num_pages: the balloon target in pages.</summary>
    public required uint BalloonTargetPages { get; init; }

    /// <summary>Free page reports sent.</summary>
    public required long Reports { get; init; }

    /// <summary>Allocations that failed after reclaim.</summary>
    public required long OomEvents { get; init; }

    /// <summary>The workload's progress.</summary>
    public required WorkloadProgress WorkloadProgress { get; init; }

    /// <summary>The figures of <paramref name="guest"/> now.</summary>
    public static RunSample Of(Simulation.Machine.GuestMachine guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return From(guest.Counts(), guest.BalloonCounts()) with { HintRacePages = guest.Balloon.Backend.HintRacePages };
    }

    /// <summary>Takes the figures from the guest's and the balloon's snapshots.</summary>
    public static RunSample From(MemoryCounts counts, BalloonCounts balloon)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(balloon);
        return new RunSample
        {
            T = counts.TimeNs / (double)SimDuration.NsPerSecond,
            HostRssBytes = MemoryCounts.Bytes(counts.Backed),
            PagesFree = counts.Free,
            PagesAllocated = counts.Allocated,
            PagesKernel = counts.Kernel,
            PagesReported = counts.Reported,
            PagesReporting = counts.Reporting,
            PagesHinted = counts.Hinted,
            PagesBallooned = counts.Ballooned,
            PagesPoisoned = counts.Poisoned,
            PageCachePages = counts.PageCache,
            Refaults = counts.Refaults,
            FirstTouchFaults = counts.FirstTouchFaults,
            PoisonErrors = counts.PoisonErrorPages,
            Discards = balloon.DiscardedPages,
            SwapOutPages = balloon.SwapOutPages,
            SwapInPages = balloon.SwapInPages,
            SwappedPages = balloon.SwappedPages,
            SwapIoMs = balloon.SwapIoNs / (double)SimDuration.NsPerMs,
            NegotiatedFeatures = balloon.NegotiatedFeatures,
            BalloonTargetPages = balloon.NumPages,
            Reports = balloon.Reports,
            OomEvents = counts.OutOfMemoryEvents,
            WorkloadProgress = new WorkloadProgress(counts.Workload, counts.WorkloadPhase, counts.WorkDone, counts.WorkPerSecond, counts.WorkUnit),
        };
    }
}

/// <summary>How far the workload got.</summary>
/// <param name="Workload">The workload as a spec.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Done">Work done since it started.</param>
/// <param name="PerSecond">Work per simulated second over the last second.</param>
/// <param name="Unit">The unit of work.</param>
public sealed record WorkloadProgress(string Workload, string Phase, double Done, double PerSecond, string Unit);
