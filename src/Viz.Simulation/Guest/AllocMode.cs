
namespace Viz.Simulation.Guest;

/// <summary>How hard an allocation may try (the gfp flags that matter to the simulator).</summary>
public enum AllocMode
{
    /// <summary>GFP_KERNEL/GFP_HIGHUSER: wakes kswapd below low, reclaims directly below min, and fails only when the guest is out of memory.</summary>
    Normal,

    /// <summary>__GFP_NORETRY: one round of direct reclaim, then fail quietly (the balloon's inflate allocations).</summary>
    NoRetry,

    /// <summary>
    /// __GFP_NORETRY | __GFP_NOWARN | __GFP_NOMEMALLOC without __GFP_DIRECT_RECLAIM or __GFP_KSWAPD_RECLAIM:
    /// no reclaim at all, down to the min watermark (the free page hinting allocations,
    /// drivers/virtio/virtio_balloon.c VIRTIO_BALLOON_FREE_PAGE_ALLOC_FLAG).
    /// </summary>
    NoReclaim,
}
