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

    /// <summary>
    /// The watermarks Linux sets for a zone of <paramref name="managedPages"/> pages:
    /// min_free_kbytes = sqrt(16 × lowmem KiB) clamped to [128, 262144] (calculate_min_free_kbytes), and
    /// low = min + delta, high = min + 2 × delta with delta = max(min / 4, managed × factor / 10000)
    /// (__setup_per_zone_wmarks).
    /// </summary>
    public static Watermarks For(long managedPages)
    {
        long lowmemKiB = managedPages * (KernelConstants.PageSize / 1024);
        long minFreeKiB = Math.Clamp((long)Math.Sqrt(lowmemKiB * 16.0), 128, 262144);
        long min = minFreeKiB / (KernelConstants.PageSize / 1024);
        long delta = Math.Max(min / 4, managedPages * WatermarkScaleFactor / 10000);
        return new Watermarks(min, min + delta, min + (2 * delta));
    }
}
