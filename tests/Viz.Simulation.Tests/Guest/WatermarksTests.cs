using Viz.Simulation.Guest;

namespace Viz.Simulation.Tests.Guest;

/// <summary>Zone watermarks as mm/page_alloc.c computes them.</summary>
public class WatermarksTests
{
    /// <summary>
    /// calculate_min_free_kbytes: min_free_kbytes = int_sqrt(lowmem_kbytes * 16); its comment's table gives 1024k for
    /// 64 MiB, 4096k for 1 GiB and 16384k for 16 GiB.
    /// </summary>
    [Theory]
    [InlineData(64L << 20, 1024)]
    [InlineData(1L << 30, 4096)]
    [InlineData(16L << 30, 16384)]
    public void Min_follows_min_free_kbytes(long bytes, long minFreeKiB)
    {
        Watermarks marks = Watermarks.For(bytes / 4096);
        Assert.Equal(minFreeKiB / 4, marks.Min);
    }

    [Fact]
    public void Min_free_kbytes_is_clamped_to_256_MiB_past_4_TiB()
    {
        Assert.Equal(131072 / 4, Watermarks.For((1L << 40) / 4096).Min);
        Assert.Equal(262144 / 4, Watermarks.For((16L << 40) / 4096).Min);
    }

    /// <summary>__setup_per_zone_wmarks: low = min + delta, high = min + 2 delta, delta = max(min/4, managed × 10/10000).</summary>
    [Fact]
    public void Low_and_high_add_the_watermark_scale_factor_distance()
    {
        long managed = (16L << 30) / 4096;
        Watermarks marks = Watermarks.For(managed);
        long delta = Math.Max(marks.Min / 4, managed * 10 / 10000);
        Assert.Equal(marks.Min + delta, marks.Low);
        Assert.Equal(marks.Min + (2 * delta), marks.High);
        Watermarks small = Watermarks.For((64L << 20) / 4096);
        Assert.Equal(small.Min + (small.Min / 4), small.Low);
    }

    /// <summary>
    /// set_recommended_min_free_kbytes with THP: pageblock_nr_pages (512) × zones × (2 + MIGRATE_PCPTYPES²) — 66 MiB on
    /// an 8 GiB guest (DMA, DMA32, Normal), 44 MiB on a 1 GiB one (DMA, DMA32) — at most 5% of memory, and never below the
    /// sqrt rule.
    /// </summary>
    [Theory]
    [InlineData(8L << 30, 16_896)]
    [InlineData(1L << 30, 11_264)]
    [InlineData(64L << 20, 819)]
    public void Transparent_huge_pages_raise_min_to_keep_a_pageblock_per_migrate_type_free(long bytes, long minPages)
    {
        Assert.Equal(minPages, Watermarks.For(bytes / 4096, transparentHugePages: true).Min);
        Assert.True(Watermarks.For(bytes / 4096, transparentHugePages: true).Min >= Watermarks.For(bytes / 4096).Min);
    }

    [Fact]
    public void A_guest_boots_with_THP_watermarks_by_default()
    {
        var simulation = new Viz.Simulation.Machine.GuestMachine(new Viz.Simulation.Machine.SimulationOptions());
        Assert.Equal(16_896, simulation.Kernel.Watermarks.Min);
    }
}
