
namespace Viz.Simulation.Virtio;

/// <summary>
/// The statistics tags the simulated driver sends (include/uapi/linux/virtio_balloon.h VIRTIO_BALLOON_S_*); the fault
/// counters (2, 3) and the hugetlb and reclaim tags (8 and up) are not modelled.
/// </summary>
public enum BalloonStatTag : ushort
{
    /// <summary>VIRTIO_BALLOON_S_SWAP_IN: bytes swapped in.</summary>
    SwapIn = 0,

    /// <summary>VIRTIO_BALLOON_S_SWAP_OUT: bytes swapped out.</summary>
    SwapOut = 1,

    /// <summary>VIRTIO_BALLOON_S_MEMFREE: free bytes.</summary>
    MemFree = 4,

    /// <summary>VIRTIO_BALLOON_S_MEMTOT: total bytes.</summary>
    MemTotal = 5,

    /// <summary>VIRTIO_BALLOON_S_AVAIL: MemAvailable bytes.</summary>
    Available = 6,

    /// <summary>VIRTIO_BALLOON_S_CACHES: file-backed page bytes.</summary>
    Caches = 7,
}

/// <summary>One statistics entry.</summary>
/// <param name="Tag">What it is.</param>
/// <param name="Value">Its value.</param>
public readonly record struct BalloonStat(BalloonStatTag Tag, ulong Value);
