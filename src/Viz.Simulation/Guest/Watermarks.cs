using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>The zone watermarks, in pages.</summary>
/// <param name="Min">Below this only reserve allocations succeed; callers that may sleep reclaim directly.</param>
/// <param name="Low">Below this kswapd is woken to reclaim in the background.</param>
/// <param name="High">kswapd reclaims until free memory is back above this.</param>
public sealed record Watermarks(long Min, long Low, long High)
{
    /// <summary>vm.watermark_scale_factor default, in units of 1/10000 of managed memory (mm/page_alloc.c).</summary>
    public const int WatermarkScaleFactor = 10;

    /// <summary>pageblock_nr_pages on x86-64: a pageblock is a 2 MiB huge page's worth (pageblock_order 9).</summary>
    private const long PageblockPages = 512;

    /// <summary>MIGRATE_PCPTYPES: unmovable, movable, reclaimable.</summary>
    private const long MigratePcpTypes = 3;

    /// <summary>
    /// The watermarks Linux sets for a zone of <paramref name="managedPages"/> pages:
    /// min_free_kbytes = sqrt(16 × lowmem KiB) clamped to [128, 262144] (calculate_min_free_kbytes), and
    /// low = min + delta, high = min + 2 × delta with delta = max(min / 4, managed × factor / 10000)
    /// (__setup_per_zone_wmarks).
    /// </summary>
    public static Watermarks For(long managedPages) => For(managedPages, transparentHugePages: false);

    /// <summary>
    /// The watermarks with transparent huge pages enabled (always or madvise, the distributions' default), where
    /// khugepaged raises min_free_kbytes so that a pageblock per migrate type can stay free (mm/khugepaged.c
    /// set_recommended_min_free_kbytes): 2 pageblocks per zone plus MIGRATE_PCPTYPES² (9) per zone, at most 5% of
    /// memory, when that is more than the sqrt rule. An x86-64 guest has the DMA and DMA32 zones, and Normal above 4 GiB.
    /// </summary>
    public static Watermarks For(long managedPages, bool transparentHugePages)
    {
        long lowmemKiB = managedPages * (KernelConstants.PageSize / 1024);
        long minFreeKiB = Math.Clamp((long)Math.Sqrt(lowmemKiB * 16.0), 128, 262144);
        long min = minFreeKiB / (KernelConstants.PageSize / 1024);
        if (transparentHugePages)
        {
            int zones = managedPages * KernelConstants.PageSize > (4L << 30) ? 3 : 2;
            long recommended = Math.Min(PageblockPages * zones * (2 + (MigratePcpTypes * MigratePcpTypes)), managedPages / 20);
            min = Math.Max(min, recommended);
        }

        long delta = Math.Max(min / 4, managedPages * WatermarkScaleFactor / 10000);
        return new Watermarks(min, min + delta, min + (2 * delta));
    }
}
