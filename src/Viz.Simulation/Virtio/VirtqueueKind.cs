
namespace Viz.Simulation.Virtio;

/// <summary>The virtio-balloon queues, in the spec's order (inflateq 0, deflateq 1, statsq 2, free_page_vq 3, reporting_vq 4).</summary>
public enum VirtqueueKind
{
    /// <summary>inflateq: PFNs the driver gives to the host.</summary>
    Inflate,

    /// <summary>deflateq: PFNs the driver takes back.</summary>
    Deflate,

    /// <summary>statsq (STATS_VQ).</summary>
    Stats,

    /// <summary>free_page_vq (FREE_PAGE_HINT).</summary>
    FreePage,

    /// <summary>reporting_vq (REPORTING).</summary>
    Reporting,
}
