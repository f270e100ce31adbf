using Viz.Simulation.Memory;

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
    /// The swap device's throughput for 4 KiB pages, reads and writes alike: about 200 MB/s, an SSD doing 4 KiB random
    /// I/O at queue depth 1 (an estimate). Every guest on the host shares it.
    /// </summary>
    public long SwapBytesPerSecond { get; init; } = 4096L * 50_000;

    /// <summary>What a read from swap waits besides the transfer: the device's access latency (an estimate).</summary>
    public long SwapReadLatencyNs { get; init; } = 60_000;

    /// <summary>
    /// A guest access to a page the host swapped out: a major fault reading 4 KiB back, charged to the guest's vCPUs on
    /// top of the ordinary fault — the latency and the transfer, 80 µs at the defaults. It is also the time the read
    /// holds the swap device: a read waits behind the reads and writes queued before it.
    /// </summary>
    public long SwapInNs => SwapReadLatencyNs + SwapOutNs;

    /// <summary>Writing one page to swap: the time it holds the shared device, 20 µs at the defaults (not charged to a guest directly).</summary>
    public long SwapOutNs => Math.Max(1, KernelConstants.PageSize * Units.SimDuration.NsPerSecond / SwapBytesPerSecond);

    /// <summary>The defaults.</summary>
    public static HostCosts Default { get; } = new();
}
