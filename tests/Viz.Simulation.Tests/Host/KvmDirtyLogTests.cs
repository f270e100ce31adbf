using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Host;

/// <summary>KVM's dirty log against the rules of kvm_get_dirty_log_protect, kvm_clear_dirty_log_protect and QEMU's clear_bmap.</summary>
public class KvmDirtyLogTests
{
    private const int Pages = 1024;
    private const int Shift = 6;

    private static (KvmDirtyLog Log, PageBitmap Mapped) Created()
    {
        var mapped = new PageBitmap(Pages);
        mapped.SetAll();
        return (new KvmDirtyLog(mapped), mapped);
    }

    [Fact]
    public void Eager_logging_starts_empty_and_each_collection_clears_what_it_reported()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(clearChunkShift: null);
        Assert.Equal(0, log.SetCount);
        Assert.Equal(3, log.OnWrite(10, 3));
        Assert.Equal(0, log.OnWrite(11, 1));
        var bitmap = new PageBitmap(Pages);
        Assert.Equal(3, log.Collect(bitmap));
        Assert.Equal(3, bitmap.SetCount);
        Assert.Equal(0, log.SetCount);
        Assert.Equal(1, log.OnWrite(11, 1));
        Assert.False(log.ClearChunkOf(11));
    }

    [Fact]
    public void Lazy_logging_starts_all_set_and_a_collection_leaves_the_log_for_the_chunk_clears()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(Shift);
        Assert.Equal(Pages, log.SetCount);
        Assert.Equal(0, log.OnWrite(5, 1));
        var bitmap = new PageBitmap(Pages);
        log.Collect(bitmap);
        Assert.Equal(Pages, bitmap.SetCount);
        Assert.Equal(Pages, log.SetCount);
    }

    [Fact]
    public void A_chunk_clear_runs_once_per_sync_and_only_for_its_own_chunk()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(Shift);
        log.Collect(new PageBitmap(Pages));
        Assert.True(log.ClearChunkOf(70));
        Assert.Equal(Pages - 64, log.SetCount);
        Assert.False(log.ClearChunkOf(100));
        log.Collect(new PageBitmap(Pages));
        Assert.True(log.ClearChunkOf(100));
    }

    [Fact]
    public void A_write_after_its_chunk_was_cleared_is_logged_and_reported_at_the_next_collection()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(Shift);
        log.Collect(new PageBitmap(Pages));
        log.ClearChunkOf(0);
        Assert.Equal(1, log.OnWrite(3, 1));
        var next = new PageBitmap(Pages);
        log.Collect(next);
        Assert.True(next.Get(3));
        Assert.False(next.Get(4));
    }

    /// <summary>kvm_log_clear_one_slot clears only the bits of mem->dirty_bmap, the last GET's: a page first written after it stays logged.</summary>
    [Fact]
    public void A_clear_keeps_the_bits_of_pages_written_after_the_collection_it_clears_for()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(Shift);
        log.Collect(new PageBitmap(Pages));
        log.ClearChunkOf(0);
        log.Collect(new PageBitmap(Pages));
        log.OnWrite(7, 1);
        Assert.True(log.ClearChunkOf(0));
        var next = new PageBitmap(Pages);
        log.Collect(next);
        Assert.True(next.Get(7));
    }

    [Fact]
    public void A_hinted_range_clears_every_chunk_it_touches()
    {
        (KvmDirtyLog log, _) = Created();
        log.Start(Shift);
        log.Collect(new PageBitmap(Pages));
        Assert.Equal(3, log.ClearChunksOf(60, 70));
        Assert.Equal(Pages - (3 * 64), log.SetCount);
        Assert.Equal(0, log.ClearChunksOf(60, 70));
    }

    [Fact]
    public void A_collection_counts_only_the_reported_pages_the_host_backs()
    {
        (KvmDirtyLog log, PageBitmap mapped) = Created();
        mapped.ClearRange(0, Pages / 2);
        log.Start(Shift);
        Assert.Equal(Pages / 2, log.Collect(new PageBitmap(Pages)));
    }
}
