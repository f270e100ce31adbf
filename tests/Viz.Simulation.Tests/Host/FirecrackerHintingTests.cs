using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Host;

/// <summary>
/// Firecracker's hint runs (src/vmm/src/devices/virtio/balloon/device.rs, v1.14): host-driven runs outside migration,
/// ids from 2, each accepted range discarded at once, DONE on stop (or on the guest's STOP with acknowledge_on_stop),
/// and the documented race when the guest takes a hinted page back before the discard.
/// </summary>
public sealed class FirecrackerHintingTests
{
    private static GuestMachine Firecracker() =>
        BalloonTestBed.Create(new DeviceProperties { FreePageHint = true }, host: new HostOptions { HintConsumer = FreePageHintConsumer.Discard }, memory: 1L << 30);

    [Fact]
    public void A_run_discards_the_hinted_ranges_and_acknowledge_on_stop_gives_them_back()
    {
        GuestMachine simulation = Firecracker();
        simulation.Apply(new HintHogCommand());
        long rss = simulation.Ram.Backed.SetCount;

        simulation.Apply(new HintRunCommand(Start: true));
        Assert.Equal(HintStateMachine.FirecrackerFirstRunId, simulation.Balloon.Backend.Hints.CmdId);
        simulation.RunMs(50);

        Assert.True(simulation.Ram.Backed.SetCount < rss - (64L << 20) / KernelConstants.PageSize, $"host RSS {rss} -> {simulation.Ram.Backed.SetCount} pages");
        Assert.Equal(HintStatus.Done, simulation.Balloon.Backend.Hints.Status);
        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Hinted));
        Assert.Equal(0, simulation.Balloon.Backend.HintRacePages);
    }

    [Fact]
    public void Without_acknowledge_on_stop_the_blocks_stay_hinted_until_the_host_stops_the_run()
    {
        GuestMachine simulation = Firecracker();
        simulation.Apply(new HintRunCommand(Start: true, AcknowledgeOnStop: false));
        simulation.RunMs(50);
        Assert.True(simulation.Kernel.Memory.CountOf(PageState.Hinted) > 0);

        simulation.Apply(new HintRunCommand(Start: false));
        simulation.RunMs(5);
        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Hinted));
        Assert.Equal(HintStateMachine.FirecrackerFirstRunId + 1, NextRunId(simulation));
    }

    [Fact]
    public void A_block_the_guest_takes_back_before_the_discard_loses_its_data_and_the_race_is_reported()
    {
        GuestMachine simulation = Firecracker();
        List<HintDiscardRace> races = simulation.Record<HintDiscardRace>();
        simulation.Apply(new HintRunCommand(Start: true, AcknowledgeOnStop: false));

        // The guest's pass queues blocks every few microseconds; the device pops them only after the kick's latency.
        // Memory pressure in between makes the shrinker hand queued blocks back, and the guest writes them.
        simulation.Step(20_000);
        long want = simulation.Kernel.Allocator.FreePages + (4L * 1024);
        for (long i = 0; i < want; i++)
        {
            int pfn = simulation.Kernel.Allocate(0, AllocMode.Normal, "test");
            Assert.True(pfn >= 0);
            simulation.Kernel.Write(pfn, 1);
        }

        simulation.RunMs(20);

        Assert.NotEmpty(races);
        Assert.True(simulation.Balloon.Backend.HintRacePages > 0);
    }

    [Fact]
    public void A_migration_in_discard_mode_gets_no_hints()
    {
        GuestMachine simulation = Firecracker();
        MigrationResult result = MigrationRun.Execute(simulation.Options, new MigrationParameters(), SimDuration.NsPerSecond);
        Assert.Equal(0, result.PagesSkippedByHint);
        Assert.Equal("hint runs are Firecracker's (host hint mode discard); QEMU hints only during a migration", new HintRunCommand(Start: true).Apply(BalloonTestBed.Create(new DeviceProperties { FreePageHint = true })));
    }

    private static uint NextRunId(GuestMachine simulation)
    {
        simulation.Apply(new HintRunCommand(Start: true));
        return simulation.Balloon.Backend.Hints.CmdId;
    }

    /// <summary>Writes and frees memory so that the host backs free pages a hint run can give back.</summary>
    private sealed record HintHogCommand : ISimCommand
    {
        public string Apply(GuestMachine machine)
        {
            var pages = new List<int>();
            for (int i = 0; i < 128; i++)
            {
                int pfn = machine.Kernel.Allocate(KernelConstants.MaxOrder, AllocMode.Normal, "test");
                machine.Kernel.Write(pfn, KernelConstants.MaxOrderPages);
                pages.Add(pfn);
            }

            pages.ForEach(pfn => machine.Kernel.Free(pfn, KernelConstants.MaxOrder));
            return "written and freed";
        }
    }
}
