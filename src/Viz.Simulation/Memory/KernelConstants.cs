
namespace Viz.Simulation.Memory;

/// <summary>
/// Constants of the Linux x86-64 memory manager that the simulated guest follows.
/// </summary>
public static class KernelConstants
{
    /// <summary>Bytes per guest page (x86-64 base page; virtio-balloon PFNs are always 4 KiB units, VIRTIO_BALLOON_PFN_SHIFT 12).</summary>
    public const int PageSize = 4096;

    /// <summary>log2 of <see cref="PageSize"/>.</summary>
    public const int PageShift = 12;

    /// <summary>Largest buddy order: 2^10 pages = 4 MiB (include/linux/mmzone.h MAX_PAGE_ORDER, "MAX_ORDER - 1" before 6.4).</summary>
    public const int MaxOrder = 10;

    /// <summary>Number of buddy orders, 0..<see cref="MaxOrder"/> (NR_PAGE_ORDERS).</summary>
    public const int OrderCount = MaxOrder + 1;

    /// <summary>Pages in a max-order block.</summary>
    public const int MaxOrderPages = 1 << MaxOrder;

    /// <summary>Pageblock order on x86-64: 2 MiB, the huge page order (include/linux/pageblock-flags.h).</summary>
    public const int PageblockOrder = 9;

    /// <summary>The byte written into freed pages by page_poison=1 (include/linux/poison.h PAGE_POISON).</summary>
    public const byte PagePoison = 0xaa;
}
