using System.Collections.Immutable;

namespace Viz.Pipeline;

/// <summary>
/// The host's side of a frame when several guests share one: its memory and swap, its swap I/O lately, and each guest
/// with a small grid of its own. Immutable.
/// </summary>
public sealed record HostFrame
{
    /// <summary>The host's memory, in pages.</summary>
    public required long CapacityPages { get; init; }

    /// <summary>Pages in the host's swap.</summary>
    public required long SwappedPages { get; init; }

    /// <summary>The swap device's size in pages, or null for as much as needed.</summary>
    public required long? SwapCapacityPages { get; init; }

    /// <summary>Pages swapped out per simulated second, over the last second.</summary>
    public required double SwapOutPerSecond { get; init; }

    /// <summary>Pages swapped in per simulated second, over the last second.</summary>
    public required double SwapInPerSecond { get; init; }

    /// <summary>Who sets the balloons ("none" or "auto").</summary>
    public required string BalloonPolicy { get; init; }

    /// <summary>The guests, in the order given.</summary>
    public required ImmutableArray<HostGuestFrame> Guests { get; init; }

    /// <summary>Host memory no guest holds, in pages; negative when the guests hold more (the swap is full).</summary>
    public long FreePages => CapacityPages - Guests.Where(g => g.OnHost).Sum(g => g.ResidentPages);
}

/// <summary>One guest as the host view shows it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="TotalPages">Its RAM, in pages.</param>
/// <param name="Workload">Its workload and phase.</param>
/// <param name="Features">Its features, short.</param>
/// <param name="ResidentPages">Its RSS on the host, in pages.</param>
/// <param name="SwappedPages">Its pages in the host's swap.</param>
/// <param name="BalloonPages">Its balloon, in pages.</param>
/// <param name="Progress">Its workload's progress per second lately and the unit.</param>
/// <param name="OnHost">Whether it still runs on this host (it has not migrated away).</param>
/// <param name="Grid">The whole guest in a few cells.</param>
public sealed record HostGuestFrame(
    string Name, long TotalPages, string Workload, string Features, long ResidentPages, long SwappedPages, long BalloonPages, string Progress, bool OnHost, GridFrame Grid);
