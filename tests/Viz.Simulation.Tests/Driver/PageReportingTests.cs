using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Driver;

/// <summary>
/// mm/page_reporting.c (page_reporting_register, __page_reporting_request, page_reporting_process_zone,
/// page_reporting_cycle, page_reporting_drain), virtballoon_free_page_report, QEMU virtio_balloon_handle_report.
/// </summary>
public sealed class PageReportingTests
{
    private static GuestMachine Reporting(PoisonMode poison = PoisonMode.InitOnFree, HostOptions? host = null, WorkloadSpec? workload = null, long memory = BalloonTestBed.GuestBytes) =>
        BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true }, poison, host, workload, memory);

    [Fact]
    public void Registration_requests_a_pass_that_runs_after_the_2_second_delay()
    {
        GuestMachine simulation = Reporting();
        List<ReportMessage> reports = simulation.Record<VirtqueueBufferAdded>().Select(e => e.Message).OfType<ReportMessage>().ToList();
        List<VirtqueueBufferAdded> added = simulation.Record<VirtqueueBufferAdded>();

        simulation.RunMs(1_990);
        Assert.DoesNotContain(added, e => e.Queue == "reporting_vq");
        Assert.Equal(PageReportingState.Requested, simulation.Balloon.Driver.Reporting!.State);

        simulation.RunMs(20);
        Assert.Contains(added, e => e.Queue == "reporting_vq");
    }

    [Fact]
    public void Reports_hold_at_most_32_blocks_of_order_9_or_above()
    {
        GuestMachine simulation = Reporting();
        List<VirtqueueBufferAdded> added = simulation.Record<VirtqueueBufferAdded>();

        simulation.RunMs(40_000);

        ReportMessage[] reports = added.Select(e => e.Message).OfType<ReportMessage>().ToArray();
        Assert.NotEmpty(reports);
        Assert.All(reports, report => Assert.InRange(report.Blocks.Count, 1, PageReportingWorker.Capacity));
        Assert.All(reports.SelectMany(r => r.Blocks), block => Assert.InRange(block.Order, KernelConstants.PageblockOrder, KernelConstants.MaxOrder));
    }

    [Fact]
    public void Drained_blocks_go_back_to_the_tail_marked_reported_and_the_host_discards_them()
    {
        GuestMachine simulation = Reporting();
        long rssBefore = simulation.Ram.Backed.SetCount;

        simulation.RunMs(40_000);

        BuddyAllocator allocator = simulation.Kernel.Allocator;
        int[] list = allocator.ListBlocks(KernelConstants.MaxOrder).ToArray();
        Assert.NotEmpty(list);
        Assert.All(list, pfn => Assert.True(allocator.IsReported(pfn)));
        long reported = simulation.Kernel.Memory.Reported.SetCount;
        Assert.True(reported > 0);
        Assert.True(simulation.Ram.Backed.SetCount <= rssBefore - reported);
        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Reporting));
    }

    [Fact]
    public void Unreported_blocks_stay_ahead_of_reported_ones_so_allocations_prefer_them()
    {
        // 2 GiB: the first pass's budget covers only part of the order-10 list.
        GuestMachine simulation = Reporting(PoisonMode.Off, memory: 2L << 30);
        simulation.RunMs(2_500);
        Assert.True(simulation.Kernel.Memory.Reported.SetCount > 0);
        BuddyAllocator allocator = simulation.Kernel.Allocator;

        for (int order = KernelConstants.PageblockOrder; order <= KernelConstants.MaxOrder; order++)
        {
            bool seenReported = false;
            foreach (int pfn in allocator.ListBlocks(order))
            {
                seenReported |= allocator.IsReported(pfn);
                Assert.False(seenReported && !allocator.IsReported(pfn), $"order {order}: unreported block {pfn} behind a reported one");
            }
        }
    }

    [Fact]
    public void The_putback_does_not_notify_so_with_nothing_freed_reporting_goes_idle()
    {
        GuestMachine simulation = Reporting();

        simulation.RunMs(60_000);

        PageReportingWorker worker = simulation.Balloon.Driver.Reporting!;
        long reports = worker.Reports;
        Assert.Equal(PageReportingState.Idle, worker.State);
        simulation.RunMs(10_000);
        Assert.Equal(reports, worker.Reports);
    }

    [Fact]
    public void A_pass_reports_about_a_sixteenth_of_a_long_list_and_asks_for_another_pass()
    {
        GuestMachine simulation = Reporting(PoisonMode.Off, memory: 2L << 30);
        int blocks = simulation.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder);
        long budget = (blocks + 511) / 512;

        simulation.RunMs(2_500);

        PageReportingWorker worker = simulation.Balloon.Driver.Reporting!;
        Assert.Equal(PageReportingState.Requested, worker.State);
        Assert.True(worker.BlocksMarked <= (budget + 1) * PageReportingWorker.Capacity + PageReportingWorker.Capacity, $"{worker.BlocksMarked} marked, budget {budget}");
        Assert.True(worker.BlocksMarked < blocks);
    }

    [Fact]
    public void A_zone_with_no_more_than_low_plus_32_blocks_free_is_skipped()
    {
        // A hog that fits the 256 MiB guest (193 MiB free after boot, above THP's min watermark) and leaves less than
        // low + 32 blocks (128 MiB) free.
        GuestMachine simulation = Reporting(workload: new WorkloadSpec(WorkloadKind.Hog, 160L << 20, 4L << 30));
        List<PageReportingZoneSkipped> skipped = simulation.Record<PageReportingZoneSkipped>();

        simulation.RunMs(2_100);

        PageReportingZoneSkipped skip = Assert.Single(skipped);
        Assert.Equal(simulation.Kernel.Watermarks.Low + (32L << 9), skip.ThresholdPages);
        Assert.True(skip.FreePages <= skip.ThresholdPages);
    }

    [Fact]
    public void The_host_does_not_discard_reported_pages_when_poison_val_is_not_zero()
    {
        GuestMachine simulation = Reporting(PoisonMode.PagePoison);
        List<HostDiscardSkipped> skipped = simulation.Record<HostDiscardSkipped>();
        long rss = simulation.Ram.Backed.SetCount;

        simulation.RunMs(10_000);

        Assert.NotEmpty(skipped);
        Assert.True(simulation.Kernel.Memory.Reported.SetCount > 0);
        Assert.Equal(0, simulation.BalloonCounts().DiscardedPages);
        Assert.True(simulation.Ram.Backed.SetCount >= rss);
    }

    [Fact]
    public void The_host_does_not_discard_while_ballooning_is_inhibited()
    {
        GuestMachine simulation = Reporting(host: new HostOptions { DiscardInhibited = true });

        simulation.RunMs(10_000);

        Assert.True(simulation.Kernel.Memory.Reported.SetCount > 0);
        Assert.Equal(0, simulation.BalloonCounts().DiscardedPages);
    }

    [Fact]
    public void The_unsafe_discard_with_page_poison_makes_the_next_allocation_find_zeroes_instead_of_0xaa()
    {
        GuestMachine simulation = Reporting(PoisonMode.PagePoison, new HostOptions { UnsafeDiscard = true });
        List<PoisonCorruption> corruption = simulation.Record<PoisonCorruption>();
        simulation.RunMs(10_000);
        Assert.Empty(corruption);

        int pfn = simulation.Kernel.Allocate(KernelConstants.MaxOrder, AllocMode.Normal, "test");
        while (pfn >= 0 && corruption.Count == 0)
        {
            pfn = simulation.Kernel.Allocate(KernelConstants.MaxOrder, AllocMode.Normal, "test");
        }

        PoisonCorruption found = Assert.Single(corruption);
        Assert.Equal(ContentKind.Zero, found.Found);
        Assert.True(simulation.Kernel.PoisonErrorPages > 0);
    }

    [Fact]
    public void The_same_run_without_the_unsafe_switch_finds_no_corruption()
    {
        GuestMachine simulation = Reporting(PoisonMode.PagePoison);
        List<PoisonCorruption> corruption = simulation.Record<PoisonCorruption>();
        simulation.RunMs(10_000);

        while (simulation.Kernel.Allocate(KernelConstants.MaxOrder, AllocMode.Normal, "test") >= 0)
        {
        }

        Assert.Empty(corruption);
    }

    [Fact]
    public void Touching_a_discarded_page_refaults_a_zero_page_and_costs_the_guest_time()
    {
        GuestMachine simulation = Reporting(PoisonMode.Off);
        simulation.RunMs(40_000);
        int pfn = simulation.Kernel.Allocator.ListBlocks(KernelConstants.MaxOrder).First(p => simulation.Ram.Discarded.Get(p));
        long refaults = simulation.Ram.Refaults;
        simulation.Kernel.TakeStallNs();

        List<HostRefaulted> published = simulation.Record<HostRefaulted>();
        simulation.Kernel.Write(pfn, 1);
        simulation.Host.Balance();

        Assert.Equal(refaults + 1, simulation.Ram.Refaults);
        Assert.Equal(1, Assert.Single(published).Pages);
        Assert.True(simulation.Ram.Backed.Get(pfn));
        Assert.True(simulation.Kernel.TakeStallNs() > 0);
    }

    [Fact]
    public void A_hog_that_frees_gets_its_memory_reported_and_discarded_after_the_free()
    {
        GuestMachine simulation = Reporting(PoisonMode.Off, workload: new WorkloadSpec(WorkloadKind.Hog, 128L << 20, 1L << 30));
        simulation.RunMs(5_500);
        long peak = simulation.Ram.Backed.SetCount;

        simulation.RunMs(40_000);

        Assert.Equal("done", simulation.Workload.Phase);
        Assert.True(simulation.Ram.Backed.SetCount < peak - (96L << 20 >> 12), $"RSS {simulation.Ram.Backed.SetCount} pages, peak {peak}");
    }

    [Fact]
    public void Isolation_stops_before_free_memory_would_reach_min_plus_the_block_and_the_rest_waits()
    {
        GuestMachine simulation = Reporting(PoisonMode.Off);
        GuestKernel kernel = simulation.Kernel;
        long threshold = kernel.Watermarks.Low + (32L << 9);
        while (kernel.Allocator.FreePages > threshold + 100)
        {
            kernel.Allocate(0, AllocMode.Normal, "test");
        }

        List<(int Blocks, long Free, int UnreportedLeft)> seen = [];
        simulation.Events.Subscribe(e =>
        {
            if (e is VirtqueueBufferAdded { Message: ReportMessage report })
            {
                int left = kernel.Allocator.ListBlocks(KernelConstants.MaxOrder).Count(pfn => !kernel.Allocator.IsReported(pfn));
                seen.Add((report.Blocks.Count, kernel.Allocator.FreePages, left));
            }
        });

        simulation.RunMs(2_100);

        (int blocks, long free, int left) = seen[0];
        Assert.InRange(blocks, 1, PageReportingWorker.Capacity - 1);
        Assert.True(free > kernel.Watermarks.Min && free <= kernel.Watermarks.Min + (2L << KernelConstants.MaxOrder), $"free {free}, min {kernel.Watermarks.Min}");
        Assert.True(left > 0);
    }
}
