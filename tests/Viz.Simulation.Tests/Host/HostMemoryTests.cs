using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Host;

/// <summary>Host RSS, discards, swapping of an overcommitted host.</summary>
public sealed class HostMemoryTests
{
    private const long Capacity = 128L << 20;

    [Fact]
    public void An_overcommitted_host_swaps_guest_pages_out_until_they_fit()
    {
        // init_on_free zeroes every page boot frees, so the whole 256 MiB guest is resident from the start.
        GuestMachine simulation = BalloonTestBed.Create(poison: PoisonMode.InitOnFree, host: new HostOptions { CapacityBytes = Capacity });
        List<HostSwappedOut> swapped = simulation.Record<HostSwappedOut>();

        simulation.RunMs(20);

        Assert.NotEmpty(swapped);
        Assert.True(simulation.Host.ResidentPages <= Capacity / KernelConstants.PageSize);
        Assert.Equal(simulation.Host.SwapOutPages, simulation.Host.SwappedPages);
    }

    [Fact]
    public void Touching_a_swapped_page_reads_it_back_and_stalls_the_guest()
    {
        GuestMachine simulation = BalloonTestBed.Create(poison: PoisonMode.InitOnFree, host: new HostOptions { CapacityBytes = Capacity });
        simulation.RunMs(20);
        int pfn = FirstSwapped(simulation.Ram);
        PageContent before = simulation.Kernel.Memory.ContentOf(pfn);
        simulation.Kernel.TakeStallNs();

        simulation.Kernel.Write(pfn, 1);
        simulation.Host.Balance();

        Assert.Equal(1, simulation.Host.SwapInPages);
        Assert.True(simulation.Kernel.TakeStallNs() >= HostCosts.Default.SwapInNs);
        Assert.Equal(before.Version + 1, simulation.Kernel.Memory.ContentOf(pfn).Version);
    }

    [Fact]
    public void Swapping_keeps_page_contents()
    {
        GuestMachine simulation = BalloonTestBed.Create(poison: PoisonMode.PagePoison, host: new HostOptions { CapacityBytes = Capacity });
        long poisonedBefore = CountKind(simulation.Kernel.Memory, ContentKind.Poison);

        simulation.Host.Balance();

        Assert.True(simulation.Host.SwappedPages > 0);
        Assert.Equal(poisonedBefore, CountKind(simulation.Kernel.Memory, ContentKind.Poison));
    }

    [Fact]
    public void Discarding_a_swapped_page_frees_its_swap_copy()
    {
        GuestMachine simulation = BalloonTestBed.Create(poison: PoisonMode.InitOnFree, host: new HostOptions { CapacityBytes = Capacity });
        simulation.RunMs(20);
        int pfn = FirstSwapped(simulation.Ram);
        long swapped = simulation.Host.SwappedPages;

        simulation.Host.Discard(simulation.Host.Guests[0], pfn, 1, "test");

        Assert.Equal(swapped - 1, simulation.Host.SwappedPages);
        Assert.True(simulation.Ram.Discarded.Get(pfn));
    }

    [Fact]
    public void With_reporting_an_overcommitted_host_keeps_far_less_of_its_guest_in_swap()
    {
        static GuestMachine Run(bool reporting)
        {
            GuestMachine simulation = BalloonTestBed.Create(
                new DeviceProperties { FreePageReporting = reporting },
                PoisonMode.InitOnFree,
                new HostOptions { CapacityBytes = Capacity },
                new WorkloadSpec(WorkloadKind.Build, 16L << 20, 64L << 20));
            simulation.RunMs(40_000);
            return simulation;
        }

        GuestMachine without = Run(reporting: false);
        GuestMachine with = Run(reporting: true);

        Assert.True(with.Host.SwappedPages < without.Host.SwappedPages / 2, $"in swap: {with.Host.SwappedPages} with reporting, {without.Host.SwappedPages} without");
        Assert.True(with.Host.ResidentPages <= Capacity / KernelConstants.PageSize);
    }

    [Fact]
    public void The_hosts_own_rss_accounting_matches_the_pages_backed()
    {
        GuestMachine simulation = BalloonTestBed.Create(
            new DeviceProperties { FreePageReporting = true },
            PoisonMode.InitOnFree,
            new HostOptions { CapacityBytes = Capacity },
            new WorkloadSpec(WorkloadKind.Build, 16L << 20, 64L << 20));

        simulation.RunMs(10_000);

        HostGuestAccount guest = simulation.Host.Guests[0];
        Assert.Equal(guest.ResidentPages, guest.AccountedResidentPages);
    }

    private static int FirstSwapped(GuestRamBacking memory)
    {
        for (int pfn = 0; pfn < memory.PageCount; pfn++)
        {
            if (memory.Swapped.Get(pfn))
            {
                return pfn;
            }
        }

        throw new InvalidOperationException("nothing swapped");
    }

    private static long CountKind(GuestMemory memory, ContentKind kind) => memory.Kinds.Count(kind);
}
