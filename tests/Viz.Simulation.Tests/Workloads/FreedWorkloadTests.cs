using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Workloads;

/// <summary>
/// freed:P%: a share of the guest written and then freed before the migration. Checked against what the real systems
/// do with such memory: the buddy allocator has it back, it is not zero, so QEMU's legacy migration sends it in full
/// (only zero pages go as a marker, migration/ram.c save_zero_page), and free page hinting lets QEMU skip it.
/// </summary>
public class FreedWorkloadTests
{
    private const long Memory = 512L << 20;
    private static readonly long GuestPages = Memory / KernelConstants.PageSize;

    private static SimulationOptions Guest(string workload, bool hinting = false)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out string error), error);
        return new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = Memory },
            Workload = spec,
            Device = new DeviceProperties { FreePageHint = hinting },
        };
    }

    [Fact]
    public void The_share_is_written_then_freed_and_the_guest_is_idle_when_it_settles()
    {
        var simulation = new GuestMachine(Guest("freed:50%"));
        long freeAtBoot = simulation.Kernel.Allocator.FreePages;
        var freed = (FreedWorkload)simulation.Workload;

        simulation.Step(simulation.Workload.SettleNs);

        Assert.Equal("idle", simulation.Workload.Phase);
        Assert.InRange(freed.WrittenPages, (GuestPages / 2) - 512, GuestPages / 2);
        // Everything the writer took is free again; only the idle daemons' few pages are in use.
        Assert.InRange(simulation.Kernel.Allocator.FreePages, freeAtBoot - 256, freeAtBoot);
        // Free, but still holding what the writer wrote: no poisoning or init_on_free zeroes it.
        long freeButWritten = 0;
        for (int pfn = 0; pfn < GuestPages; pfn++)
        {
            int order = simulation.Kernel.Allocator.FreeOrderAt(pfn);
            if (order >= 0)
            {
                freeButWritten += simulation.Kernel.Memory.CountContentOtherThan(pfn, 1 << order, ContentKind.Zero);
            }
        }

        Assert.True(freeButWritten >= freed.WrittenPages);
    }

    [Fact]
    public void The_freed_memory_is_not_zero_so_a_legacy_migration_sends_it_in_full()
    {
        MigrationResult idle = MigrationRun.Execute(Guest("idle"), new MigrationParameters(), startAfterNs: null);
        MigrationResult freed = MigrationRun.Execute(Guest("freed:50%"), new MigrationParameters(), startAfterNs: null);

        long extra = freed.PagesNormal - idle.PagesNormal;
        Assert.InRange(extra, (GuestPages / 2) - 1024, (GuestPages / 2) + 1024);
        Assert.True(freed.Verified && freed.MismatchedPages == 0);
    }

    [Fact]
    public void Free_page_hinting_skips_the_freed_memory()
    {
        MigrationResult legacy = MigrationRun.Execute(Guest("freed:50%"), new MigrationParameters(), startAfterNs: null);
        MigrationResult hinted = MigrationRun.Execute(Guest("freed:50%", hinting: true), new MigrationParameters(), startAfterNs: null);

        Assert.True(hinted.PagesSkippedByHint >= GuestPages / 2);
        Assert.True(hinted.PagesNormal < legacy.PagesNormal - (GuestPages / 3));
        Assert.True(hinted.Verified && hinted.MismatchedPages == 0);
    }

    [Fact]
    public void All_of_it_stops_at_the_high_watermark_without_reclaim_or_OOM()
    {
        var simulation = new GuestMachine(Guest("freed:100%"));
        var freed = (FreedWorkload)simulation.Workload;
        long highestFreeAfterWrites = long.MaxValue;
        while (simulation.Workload.Phase == "writing")
        {
            simulation.Step(100_000_000);
            highestFreeAfterWrites = Math.Min(highestFreeAfterWrites, simulation.Kernel.Allocator.FreePages);
        }

        Assert.StartsWith("freeing", simulation.Workload.Phase, StringComparison.Ordinal);
        Assert.True(highestFreeAfterWrites >= simulation.Kernel.Watermarks.High - 1024);
        Assert.Equal(0, simulation.Kernel.OutOfMemoryEvents);
        Assert.True(freed.WrittenPages < GuestPages);
    }

    [Fact]
    public void A_migration_says_how_much_was_free_and_in_4_MiB_blocks_when_it_started()
    {
        var simulation = new GuestMachine(Guest("freed:50%"));
        simulation.Step(simulation.Workload.SettleNs);
        BuddyAllocator allocator = simulation.Kernel.Allocator;
        long free = allocator.FreePages;
        long inMaxOrder = 0;
        for (int pfn = 0; pfn < GuestPages; pfn++)
        {
            inMaxOrder += allocator.FreeOrderAt(pfn) == KernelConstants.MaxOrder ? KernelConstants.MaxOrderPages : 0;
        }

        simulation.Enqueue(new StartMigrationCommand(new MigrationParameters()));
        simulation.Step(0);
        while (simulation.Migration!.IsActive)
        {
            simulation.Step(100_000_000);
        }

        MigrationResult result = simulation.Migration.Result!;
        Assert.Equal(GuestPages, result.GuestPages);
        Assert.Equal(free, result.FreePagesAtStart);
        Assert.Equal(inMaxOrder, result.FreeMaxOrderPagesAtStart);
        Assert.True(result.FreeMaxOrderPagesAtStart <= result.FreePagesAtStart);
    }

    /// <summary>First-touch faults stall the writer past its SettleNs estimate; the migration still waits for it.</summary>
    [Fact]
    public void A_migration_starts_only_once_everything_written_is_free_again()
    {
        var booted = new GuestMachine(Guest("idle"));
        var simulation = new GuestMachine(Guest("freed:90%"));
        simulation.SettleUnless(startAfterNs: null);

        Assert.True(simulation.Workload.Settled);
        Assert.Equal("idle", simulation.Workload.Phase);
        Assert.InRange(simulation.Kernel.Allocator.FreePages, booted.Kernel.Allocator.FreePages - 256, booted.Kernel.Allocator.FreePages);
        Assert.True(simulation.NowNs >= simulation.Workload.SettleNs);
    }

    [Theory]
    [InlineData("freed:80%", 0.8)]
    [InlineData("freed:0%", 0.0)]
    [InlineData("hog:12.5%", 0.125)]
    [InlineData("freed", null)]
    public void A_size_may_be_a_share_of_the_guest(string text, double? share)
    {
        Assert.True(WorkloadSpec.TryParse(text, out WorkloadSpec spec, out string error), error);

        Assert.Equal(share, spec.SizeShare);
        Assert.Null(spec.SizeBytes);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(share is double s ? (long)Math.Round(s * (8L << 30)) : null, spec.SizeFor(8L << 30));
    }

    [Theory]
    [InlineData("freed:101%")]
    [InlineData("freed:-5%")]
    [InlineData("hog:0%")]
    [InlineData("freed:abc%")]
    public void A_share_outside_0_to_100_percent_is_refused(string text)
    {
        Assert.False(WorkloadSpec.TryParse(text, out _, out string error));
        Assert.Contains("percentage", error, StringComparison.Ordinal);
    }
}
