using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Guest;

/// <summary>The allocation path around the buddy allocator: watermarks, reclaim, out of memory, boot layout.</summary>
public class AllocationTests
{
    [Fact]
    public void Boot_reserves_the_first_MiB_the_kernel_image_and_the_memmap_and_frees_the_rest_in_address_order()
    {
        var guest = new GuestFactory(bytes: 1L << 30);
        GuestKernel kernel = guest.Kernel;
        KernelLayout layout = kernel.BootLayout;
        Assert.Equal(256, layout.LowReserved);
        Assert.Equal(4096, layout.ImageStart);
        Assert.Equal((1L << 30) / 4096 * 64 / 4096, layout.MemmapPages);
        Assert.Equal(PageState.Kernel, kernel.Memory.StateOf(0));
        Assert.Equal(PageState.Free, kernel.Memory.StateOf(layout.LowReserved));
        Assert.Equal(PageState.Kernel, kernel.Memory.StateOf(layout.ImageStart));
        Assert.Equal(PageState.Kernel, kernel.Memory.StateOf(kernel.Memory.PageCount - 1));
        Assert.Equal(layout.ReservedPages, kernel.Memory.CountOf(PageState.Kernel));
        List<int> maxBlocks = [.. kernel.Allocator.ListBlocks(KernelConstants.MaxOrder)];
        Assert.Equal(maxBlocks.Order(), maxBlocks);
    }

    [Fact]
    public void First_allocations_come_from_low_memory()
    {
        var guest = new GuestFactory();
        int first = guest.Kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Equal(guest.Kernel.BootLayout.LowReserved, first);
    }

    [Fact]
    public void A_no_reclaim_allocation_stops_at_the_min_watermark()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        while (kernel.Allocate(0, AllocMode.NoReclaim, "hint") >= 0)
        {
        }

        Assert.Equal(kernel.Watermarks.Min, kernel.Allocator.FreePages);
        Assert.DoesNotContain(guest.Events, e => e is OutOfMemory);
    }

    [Fact]
    public void Kswapd_reclaims_page_cache_when_free_memory_falls_below_low()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        while (kernel.Allocator.FreePages > kernel.Watermarks.Low + 10)
        {
            Assert.True(kernel.PageCache.ReadPage("reader"));
        }

        long cached = kernel.PageCache.Pages;
        for (int i = 0; i < 20; i++)
        {
            Assert.True(kernel.Allocate(0, AllocMode.Normal, "test") >= 0);
        }

        Assert.True(kernel.PageCache.Pages < cached);
        Assert.True(kernel.Allocator.FreePages >= kernel.Watermarks.Low);
        Assert.Contains(guest.Events, e => e is Reclaimed { Direct: false });
        Assert.True(kernel.ReclaimedPages > 0);
    }

    [Fact]
    public void With_nothing_to_reclaim_a_normal_allocation_fails_with_out_of_memory()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        while (kernel.Allocate(0, AllocMode.Normal, "hog") >= 0)
        {
        }

        OutOfMemory oom = Assert.Single(guest.Events.OfType<OutOfMemory>());
        Assert.Equal("hog", oom.Source);
        Assert.Equal(1, kernel.OutOfMemoryEvents);
        Assert.True(kernel.Allocator.FreePages >= kernel.Watermarks.Min);
    }

    [Fact]
    public void Writing_an_unbacked_page_faults_it_in_on_the_host_and_costs_the_guest_time()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        kernel.TakeStallNs();
        int pfn = kernel.Allocate(2, AllocMode.Normal, "test");
        long backedBefore = guest.Ram.Backed.SetCount;
        kernel.Write(pfn, 4);
        Assert.Equal(backedBefore + 4, guest.Ram.Backed.SetCount);
        Assert.Equal(4 * kernel.Costs.HostFaultNs, kernel.TakeStallNs());
        kernel.Write(pfn, 4);
        Assert.Equal(0, kernel.TakeStallNs());
    }

    [Fact]
    public void A_discarded_page_refaults_when_the_guest_touches_it_again()
    {
        var guest = new GuestFactory();
        GuestRamBacking memory = guest.Ram;
        int pfn = guest.Kernel.Allocate(0, AllocMode.Normal, "test");
        guest.Kernel.Write(pfn, 1);
        memory.Backed.ClearRange(pfn, 1);
        memory.Discarded.SetRange(pfn, 1);
        long firstTouches = memory.FirstTouchFaults;
        guest.Kernel.Write(pfn, 1);
        Assert.Equal(1, memory.Refaults);
        Assert.Equal(firstTouches, memory.FirstTouchFaults);
        Assert.False(memory.Discarded.Get(pfn));
    }
}

/// <summary>Nothing in a stopped guest runs: work that falls due waits for the vCPUs.</summary>
public class VcpuTests
{
    [Fact]
    public void Guest_work_waits_while_the_vcpus_are_stopped_and_runs_in_order_when_they_start()
    {
        var guest = new GuestFactory();
        var ran = new List<int>();
        guest.Kernel.OnVcpu(() => ran.Add(1));
        guest.Kernel.StopVcpus();
        guest.Kernel.OnVcpu(() => ran.Add(2));
        guest.Kernel.OnVcpu(() => ran.Add(3));
        Assert.Equal([1], ran);
        Assert.False(guest.Kernel.VcpusRunning);
        guest.Kernel.StartVcpus();
        Assert.Equal([1, 2, 3], ran);
    }
}
