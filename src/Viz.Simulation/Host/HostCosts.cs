
namespace Viz.Simulation.Host;

/// <summary>
/// Time the host side takes. Fitted estimates of the right order of magnitude for a current x86 host, not
/// measurements.
/// </summary>
public sealed record HostCosts
{
    /// <summary>Discarding one 4 KiB page (MADV_DONTNEED zapping the mapping and freeing the page).</summary>
    public long DiscardNsPerPage { get; init; } = 100;

    /// <summary>
    /// A guest access to a page the host swapped out: a major fault reading 4 KiB back from an SSD, charged to the
    /// guest's vCPUs on top of the ordinary fault. It is also the time the read holds the swap device, which every
    /// guest on the host shares: a read waits behind the reads and writes queued before it.
    /// </summary>
    public long SwapInNs { get; init; } = 80_000;

    /// <summary>Writing one page to swap: the time it holds the shared swap device (not charged to a guest directly).</summary>
    public long SwapOutNs { get; init; } = 20_000;

    /// <summary>The defaults.</summary>
    public static HostCosts Default { get; } = new();
}
