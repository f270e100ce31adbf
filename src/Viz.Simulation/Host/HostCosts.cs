
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
    /// guest's vCPUs on top of the ordinary fault.
    /// </summary>
    public long SwapInNs { get; init; } = 80_000;

    /// <summary>Writing one page to swap (host I/O time, counted but not charged to the guest).</summary>
    public long SwapOutNs { get; init; } = 20_000;

    /// <summary>The defaults.</summary>
    public static HostCosts Default { get; } = new();
}
