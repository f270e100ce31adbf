using Viz.Simulation.Driver;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Driver;

/// <summary>
/// drivers/virtio/virtio_balloon.c report_free_page_func, virtio_balloon_report_free_page, get_free_page_and_send,
/// shrink_free_pages; QEMU get_free_page_hints.
/// </summary>
public sealed class FreePageHintingTests
{
    private static GuestMachine Hinting() => BalloonTestBed.Create(new DeviceProperties { FreePageHint = true });

    [Fact]
    public void A_new_cmd_id_makes_the_driver_send_the_id_then_order_10_blocks_then_STOP()
    {
        GuestMachine simulation = Hinting();
        List<VirtqueueBufferAdded> added = simulation.Record<VirtqueueBufferAdded>();

        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);

        VirtqueueMessage[] messages = added.Where(e => e.Queue == "free_page_vq").Select(e => e.Message).ToArray();
        Assert.Equal(new HintCommandMessage(0x80000001), messages[0]);
        Assert.Equal(new HintCommandMessage(HintCommandIds.Stop), messages[^1]);
        HintBlockMessage[] blocks = messages[1..^1].Cast<HintBlockMessage>().ToArray();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.Equal(KernelConstants.MaxOrder, block.Order));
        Assert.Equal(blocks.Length * 1024L, simulation.Kernel.Memory.CountOf(PageState.Hinted));
        Assert.Equal(blocks.Length, simulation.Balloon.Hints.AcceptedHints);
        Assert.Equal(HintStatus.Stop, simulation.Balloon.Hints.Status);
    }

    [Fact]
    public void The_config_field_shows_the_id_until_the_run_starts_and_then_reads_STOP()
    {
        GuestMachine simulation = Hinting();
        List<ConfigChanged> changes = simulation.Record<ConfigChanged>();

        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);
        simulation.Apply(new HintCommand(HintAction.Done));

        Assert.Equal(
            [0x80000001u, HintCommandIds.Stop, HintCommandIds.Done],
            changes.Where(c => c.Field == "free_page_hint_cmd_id").Select(c => c.New));
    }

    [Fact]
    public void A_balloon_size_change_during_a_run_makes_the_driver_reread_STOP_and_end_the_run_early()
    {
        // 8 GiB: about 1800 blocks to hint, HintBlockNs each, so the change lands 1 ms into a run of about 9 ms.
        static long Hinted(bool changeTarget)
        {
            GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageHint = true }, memory: 8L << 30);
            simulation.Apply(new HintCommand(HintAction.Start));
            if (changeTarget)
            {
                simulation.Queue.ScheduleAfter(Simulation.Units.SimDuration.NsPerMs, () => simulation.Balloon.SetTargetPages(256));
            }

            simulation.RunMs(100);
            return simulation.Kernel.Memory.CountOf(PageState.Hinted) / FreePageHintingDriver.HintBlockPages;
        }

        long full = Hinted(changeTarget: false);
        long cut = Hinted(changeTarget: true);

        Assert.True(full > DeviceProperties.FreePageQueueSize);
        Assert.InRange(cut, 1, full / 4);
    }

    [Fact]
    public void Hinting_allocates_without_reclaim_down_to_about_the_min_watermark()
    {
        GuestMachine simulation = Hinting();

        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);

        long free = simulation.Kernel.Allocator.FreePages;
        Assert.True(free >= simulation.Kernel.Watermarks.Min);
        Assert.True(free - 1024 < simulation.Kernel.Watermarks.Min || simulation.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder) == 0);
    }

    [Fact]
    public void DONE_gives_every_hinted_block_back_through_the_free_path()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageHint = true }, PoisonMode.PagePoison);
        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);
        Assert.True(simulation.Kernel.Memory.CountOf(PageState.Hinted) > 0);

        simulation.Apply(new HintCommand(HintAction.Done));
        simulation.RunMs(10);

        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Hinted));
        Assert.Equal(simulation.Kernel.Allocator.FreePages, CountPoisonedFree(simulation));
    }

    [Fact]
    public void STOP_keeps_the_blocks_and_the_id_of_the_run_already_done_starts_nothing()
    {
        GuestMachine simulation = Hinting();
        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);
        long hinted = simulation.Kernel.Memory.CountOf(PageState.Hinted);

        simulation.Apply(new HintCommand(HintAction.Stop));
        simulation.RunMs(10);

        Assert.Equal(hinted, simulation.Kernel.Memory.CountOf(PageState.Hinted));
        Assert.Equal(0x80000001u, simulation.Balloon.Driver.Hinting!.CmdIdActive);
    }

    [Fact]
    public void Under_memory_pressure_the_shrinker_gives_hinted_blocks_back_instead_of_an_OOM()
    {
        GuestMachine simulation = Hinting();
        List<OutOfMemory> ooms = simulation.Record<OutOfMemory>();
        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);
        long hinted = simulation.Kernel.Memory.CountOf(PageState.Hinted);

        // More than the page cache holds: reclaim has to reach the balloon's shrinker.
        long want = simulation.Kernel.PageCache.Pages + simulation.Kernel.Allocator.FreePages + 4096;
        for (long i = 0; i < want; i++)
        {
            int pfn = simulation.Kernel.Allocate(0, Simulation.Guest.AllocMode.Normal, "test");
            Assert.True(pfn >= 0, $"allocation {i} failed: free {simulation.Kernel.Allocator.FreePages}, hinted {simulation.Kernel.Memory.CountOf(PageState.Hinted)}, cache {simulation.Kernel.PageCache.Pages}, wm {simulation.Kernel.Watermarks}");
        }

        Assert.Empty(ooms);
        Assert.True(simulation.Kernel.Memory.CountOf(PageState.Hinted) < hinted);
    }

    /// <summary>
    /// shrink_node_memcgs runs the LRU and the slab shrinkers in the same pass at the same priority, and the balloon's
    /// shrinker (count: every held page; scan: rounded up to whole blocks) is asked for (count >> 12) × 2 at the first
    /// priority, in batches of 128, each a whole 4 MiB block: pressure takes hinted blocks long before the page cache is
    /// gone, instead of emptying the cache first.
    /// </summary>
    [Fact]
    public void Reclaim_takes_hinted_blocks_alongside_the_page_cache_not_after_it()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageHint = true }, memory: 2L << 30);
        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(20);
        long cacheBefore = simulation.Kernel.PageCache.Pages;
        long hintedBefore = simulation.Kernel.Memory.CountOf(PageState.Hinted);
        Assert.True(hintedBefore > 256 * 1024, $"only {hintedBefore} pages hinted");

        // Allocate twice what is free: every page of it has to come from reclaim.
        long want = 2 * simulation.Kernel.Allocator.FreePages + 2048;
        for (long i = 0; i < want; i++)
        {
            Assert.True(simulation.Kernel.Allocate(0, AllocMode.Normal, "test") >= 0);
        }

        long cacheLost = cacheBefore - simulation.Kernel.PageCache.Pages;
        long hintedReturned = hintedBefore - simulation.Kernel.Memory.CountOf(PageState.Hinted);
        Assert.True(hintedReturned >= want / 2, $"hinted blocks gave back {hintedReturned} pages");
        Assert.True(cacheLost < cacheBefore / 10, $"the page cache lost {cacheLost} of {cacheBefore} pages while {hintedReturned} hinted pages went back");
    }

    [Fact]
    public void Hints_sent_after_the_host_stopped_the_run_are_popped_and_ignored()
    {
        GuestMachine simulation = Hinting();
        simulation.Apply(new HintCommand(HintAction.Start));

        // The guest's pass runs at once; the host handles the kick 10 µs later, after it has already stopped.
        simulation.Queue.ScheduleAfter(5_000, simulation.Balloon.Hints.Stop);
        simulation.RunMs(10);

        Assert.Equal(0, simulation.Balloon.Hints.AcceptedHints);
        Assert.True(simulation.Balloon.Hints.IgnoredHints > 0);
    }

    [Fact]
    public void A_second_run_hints_only_what_became_free_since_the_first()
    {
        GuestMachine simulation = Hinting();
        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);
        long first = simulation.Balloon.Hints.AcceptedHints;

        simulation.Apply(new HintCommand(HintAction.Start));
        simulation.RunMs(10);

        Assert.Equal(0x80000002u, simulation.Balloon.Driver.Hinting!.CmdIdActive);
        Assert.True(simulation.Balloon.Hints.AcceptedHints - first < first);
    }

    private static long CountPoisonedFree(GuestMachine simulation)
    {
        long count = 0;
        for (int pfn = 0; pfn < simulation.Kernel.Memory.PageCount; pfn++)
        {
            if (simulation.Kernel.Memory.StateOf(pfn) == PageState.Free && simulation.Kernel.Memory.ContentOf(pfn).Kind == ContentKind.Poison)
            {
                count++;
            }
        }

        return count;
    }
}
