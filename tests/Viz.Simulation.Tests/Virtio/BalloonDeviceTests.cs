using Viz.Simulation.Core;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Virtio;

/// <summary>Queues, config space and probe: virtio spec balloon device, Linux init_vqs/virtballoon_probe, QEMU realize.</summary>
public sealed class BalloonDeviceTests
{
    [Fact]
    public void Queues_of_absent_features_take_no_index_so_reporting_alone_is_queue_3()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true });

        Assert.Equal(
            [("inflateq", 0, 128), ("deflateq", 1, 128), ("statsq", 2, 128), ("reporting_vq", 3, 32)],
            simulation.Balloon.Device.Queues.Select(q => (q.Name, q.Index, q.Size)));
    }

    [Fact]
    public void With_hinting_and_reporting_the_free_page_vq_is_3_with_1024_entries_and_reporting_4()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true, FreePageHint = true });

        Assert.Equal(
            [("inflateq", 0), ("deflateq", 1), ("statsq", 2), ("free_page_vq", 3), ("reporting_vq", 4)],
            simulation.Balloon.Device.Queues.Select(q => (q.Name, q.Index)));
        Assert.Equal(1024, simulation.Balloon.Device.Queue(VirtqueueKind.FreePage)!.Size);
    }

    /// <summary>virtio_balloon_device_realize adds free_page_vq for the offered feature even when the driver does not take it.</summary>
    [Fact]
    public void The_device_adds_queues_for_the_features_it_offers_not_the_ones_negotiated()
    {
        const BalloonFeatures olderDriver = BalloonFeatures.StatsVq | BalloonFeatures.DeflateOnOom;
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageHint = true }, driver: olderDriver);

        Assert.Equal(
            [("inflateq", 0), ("deflateq", 1), ("statsq", 2), ("free_page_vq", 3)],
            simulation.Balloon.Device.Queues.Select(q => (q.Name, q.Index)));
        Assert.Null(simulation.Balloon.Device.Queue(VirtqueueKind.FreePage));
        Assert.Empty(simulation.Balloon.Device.IndexMismatches);
    }

    /// <summary>
    /// A driver that takes reporting but not hinting from a device offering both numbers reporting_vq 3 (init_vqs skips
    /// free_page_vq), where QEMU has free_page_vq: its reports go to the free page handler, which gives them back
    /// without discarding anything.
    /// </summary>
    [Fact]
    public void A_driver_that_skips_an_offered_queue_reports_into_the_free_page_vq_and_nothing_is_discarded()
    {
        const BalloonFeatures noHinting = BalloonFeatureSet.LinuxDriver & ~BalloonFeatures.FreePageHint;
        GuestMachine simulation = BalloonTestBed.Create(
            new DeviceProperties { FreePageHint = true, FreePageReporting = true }, driver: noHinting, workload: HogThatFrees());
        var discarded = simulation.Record<Viz.Simulation.Host.HostDiscarded>();

        VirtqueueIndexMismatch mismatch = Assert.Single(simulation.Balloon.Device.IndexMismatches);
        Assert.Equal((3, "reporting_vq", "free_page_vq"), (mismatch.Index, mismatch.DriverQueue, mismatch.DeviceQueue));
        Assert.Equal("free_page_vq", simulation.Balloon.Device.Queue(VirtqueueKind.Reporting)!.Name);
        simulation.RunMs(20_000);
        Assert.True(simulation.Counts().Reported > 0);
        Assert.Empty(discarded);
    }

    [Fact]
    public void The_linux_driver_and_qemu_agree_on_every_queue_for_every_set_of_offered_features()
    {
        foreach (bool hint in new[] { false, true })
        {
            foreach (bool reporting in new[] { false, true })
            {
                GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageHint = hint, FreePageReporting = reporting });
                Assert.Empty(simulation.Balloon.Device.IndexMismatches);
                Assert.All(simulation.Balloon.Device.Queues, queue => Assert.Same(queue, simulation.Balloon.Device.Queue(queue.Kind)));
            }
        }
    }

    private static Viz.Simulation.Workloads.WorkloadSpec HogThatFrees()
    {
        Assert.True(Viz.Simulation.Workloads.WorkloadSpec.TryParse("hog:24MiB@64MiB/s", out var spec, out string error), error);
        return spec;
    }

    [Fact]
    public void Probe_fails_with_ENOSPC_when_reporting_vq_is_smaller_than_the_reporting_capacity()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true, ReportingQueueSize = 16 });

        Assert.False(simulation.Balloon.Driver.Bound);
        Assert.Null(simulation.Balloon.Driver.Reporting);
    }

    [Fact]
    public void A_buffer_needs_one_descriptor_per_sg_entry_and_the_ring_is_bounded()
    {
        var queue = new Virtqueue(VirtqueueKind.Reporting, "reporting_vq", 3, 32, new EventScheduler(), new EventBus(), used: null);
        FreeBlock[] blocks = Enumerable.Range(0, 32).Select(i => new FreeBlock(i * 512, 9)).ToArray();

        Assert.True(queue.TryAdd(new ReportMessage(blocks)));
        Assert.False(queue.TryAdd(new ReportMessage([new FreeBlock(0, 9)])));
        Assert.Equal(0, queue.FreeDescriptors);
        queue.Use(queue.Pop()!);
        Assert.Equal(32, queue.FreeDescriptors);
    }

    [Theory]
    [InlineData(PoisonMode.PagePoison, 0xaaaaaaaau)]
    [InlineData(PoisonMode.InitOnFree, 0u)]
    public void The_driver_writes_poison_val_0xaaaaaaaa_for_page_poison_and_0_for_init_on_free(PoisonMode poison, uint expected)
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true }, poison);

        Assert.True(simulation.Balloon.Device.Has(BalloonFeatures.PagePoison));
        Assert.Equal(expected, simulation.Balloon.Device.Config.PoisonVal);
    }

    [Fact]
    public void Changing_properties_resets_the_device_and_renegotiates()
    {
        GuestMachine simulation = BalloonTestBed.Create();
        List<FeaturesNegotiated> negotiations = simulation.Record<FeaturesNegotiated>();
        List<DeviceReset> resets = simulation.Record<DeviceReset>();

        simulation.Apply(new SetDevicePropertiesCommand(new DeviceProperties { FreePageReporting = true }));

        Assert.Single(resets);
        Assert.Equal(BalloonFeatures.StatsVq | BalloonFeatures.Reporting, Assert.Single(negotiations).Result.Negotiated);
        Assert.NotNull(simulation.Balloon.Driver.Reporting);
    }

    [Fact]
    public void Statistics_arrive_each_polling_interval_with_the_guests_free_memory()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { StatsPollingIntervalNs = Simulation.Units.SimDuration.NsPerSecond });
        List<VirtqueueBufferAdded> added = simulation.Record<VirtqueueBufferAdded>();

        simulation.RunMs(3_500);

        Assert.Equal(3, added.Count(e => e.Queue == "statsq"));
        BalloonStat free = simulation.Balloon.Backend.LastStats.Single(s => s.Tag == BalloonStatTag.MemFree);
        Assert.InRange((long)free.Value, 1, simulation.Kernel.Memory.Bytes);
    }

    [Fact]
    public void Rebooting_into_page_poison_renegotiates_and_drops_REPORTING_when_the_device_lacks_PAGE_POISON()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true, PagePoison = false });
        Assert.True(simulation.Balloon.Device.Has(BalloonFeatures.Reporting));

        simulation.Apply(new SetPoisoningCommand(PoisonMode.PagePoison, InitOnAlloc: false));

        Assert.False(simulation.Balloon.Device.Has(BalloonFeatures.Reporting));
        Assert.Null(simulation.Balloon.Driver.Reporting);
    }

    [Fact]
    public void A_reboot_keeps_the_hosts_balloon_target_and_the_new_driver_inflates_again()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { FreePageReporting = true });
        simulation.Apply(new SetBalloonTargetCommand(4L << 20));
        simulation.RunMs(100);

        simulation.Apply(new SetPoisoningCommand(PoisonMode.InitOnFree, InitOnAlloc: false));
        simulation.RunMs(100);

        Assert.Equal(1024u, simulation.Balloon.Device.Config.NumPages);
        Assert.Equal(1024, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
        Assert.Equal(0u, simulation.Balloon.Device.Config.PoisonVal);
        Assert.True(simulation.Balloon.Device.Has(BalloonFeatures.PagePoison));
    }
}
