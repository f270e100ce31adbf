using Viz.Simulation.Guest;
using Viz.Simulation.Host;

namespace Viz.Simulation.Snapshots;

/// <summary>The balloon device's and the host's figures at one moment (pages unless named otherwise).</summary>
public sealed record BalloonCounts
{
    /// <summary>The guest's resident pages on the host (host RSS in pages).</summary>
    public required long HostRssPages { get; init; }

    /// <summary>Pages in all ranges the host discarded.</summary>
    public required long DiscardedPages { get; init; }

    /// <summary>Of those, pages that were resident when discarded.</summary>
    public required long DiscardedResidentPages { get; init; }

    /// <summary>Pages the host wrote to swap.</summary>
    public required long SwapOutPages { get; init; }

    /// <summary>Pages the host read back from swap.</summary>
    public required long SwapInPages { get; init; }

    /// <summary>Pages in swap now.</summary>
    public required long SwappedPages { get; init; }

    /// <summary>Host I/O time spent swapping this far, in nanoseconds.</summary>
    public required long SwapIoNs { get; init; }

    /// <summary>The features the device offered, by spec name.</summary>
    public required IReadOnlyList<string> OfferedFeatures { get; init; }

    /// <summary>The features negotiated, by spec name.</summary>
    public required IReadOnlyList<string> NegotiatedFeatures { get; init; }

    /// <summary>Config num_pages: the balloon target.</summary>
    public required uint NumPages { get; init; }

    /// <summary>Config actual: the balloon as the driver last reported it.</summary>
    public required uint Actual { get; init; }

    /// <summary>Config poison_val as the device stored it.</summary>
    public required uint PoisonVal { get; init; }

    /// <summary>The host's hint status.</summary>
    public required HintStatus HintStatus { get; init; }

    /// <summary>The host's current hint command id.</summary>
    public required uint HintCmdId { get; init; }

    /// <summary>Hints the host used.</summary>
    public required long HintsAccepted { get; init; }

    /// <summary>Hints the host ignored (not START).</summary>
    public required long HintsIgnored { get; init; }

    /// <summary>The page reporting state, or null when reporting is not negotiated.</summary>
    public required PageReportingState? ReportingState { get; init; }

    /// <summary>Reports sent.</summary>
    public required long Reports { get; init; }

    /// <summary>Pages the OOM notifier took out of the balloon.</summary>
    public required long OomDeflatedPages { get; init; }
}
