using Viz.Simulation.Driver;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Tests.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Driver;

/// <summary>drivers/virtio/virtio_balloon.c fill_balloon, leak_balloon, virtio_balloon_oom_notify; QEMU virtio_balloon_handle_output.</summary>
public sealed class ClassicBalloonTests
{
    [Fact]
    public void Fill_balloon_sends_256_pfns_per_message_and_the_host_discards_them()
    {
        GuestMachine simulation = BalloonTestBed.Create(poison: PoisonMode.PagePoison);
        List<VirtqueueBufferAdded> added = simulation.Record<VirtqueueBufferAdded>();
        long rssBefore = simulation.Ram.Backed.SetCount;

        simulation.Apply(new SetBalloonTargetCommand(10L << 20));
        simulation.RunMs(100);

        PfnArrayMessage[] inflates = added.Where(e => e.Queue == "inflateq").Select(e => (PfnArrayMessage)e.Message).ToArray();
        Assert.Equal(10, inflates.Length);
        Assert.All(inflates, m => Assert.Equal(ClassicBalloon.ArrayPfnsMax, m.Pfns.Count));
        Assert.Equal(2560, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
        Assert.Equal(2560u, simulation.Balloon.Device.Config.Actual);
        Assert.Equal(rssBefore - 2560, simulation.Ram.Backed.SetCount);
        Assert.All(inflates.SelectMany(m => m.Pfns), pfn => Assert.True(simulation.Ram.Discarded.Get(pfn)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Leak_balloon_tells_the_host_before_it_frees_the_pages_with_or_without_MUST_TELL_HOST(bool mustTellHost)
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { MustTellHost = mustTellHost });
        Assert.Equal(mustTellHost, simulation.Balloon.Device.Has(BalloonFeatures.MustTellHost));
        simulation.Apply(new SetBalloonTargetCommand(2L << 20));
        simulation.RunMs(100);
        List<PageState> statesWhenTold = [];
        simulation.Events.Subscribe(e =>
        {
            if (e is VirtqueueBufferAdded { Queue: "deflateq", Message: PfnArrayMessage deflate })
            {
                statesWhenTold.AddRange(deflate.Pfns.Select(simulation.Kernel.Memory.StateOf));
            }
        });

        simulation.Apply(new SetBalloonTargetCommand(0));
        simulation.RunMs(100);

        Assert.Equal(512, statesWhenTold.Count);
        Assert.All(statesWhenTold, state => Assert.Equal(PageState.Ballooned, state));
        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
        Assert.Equal(0u, simulation.Balloon.Device.Config.Actual);
    }

    [Fact]
    public void Inflate_while_ballooning_is_inhibited_is_acknowledged_but_discards_nothing()
    {
        GuestMachine simulation = BalloonTestBed.Create(host: new HostOptions { DiscardInhibited = true });

        simulation.Apply(new SetBalloonTargetCommand(1L << 20));
        simulation.RunMs(100);

        Assert.Equal(256, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
        Assert.Equal(0, simulation.BalloonCounts().DiscardedPages);
    }

    [Fact]
    public void With_DEFLATE_ON_OOM_an_allocation_that_would_fail_takes_256_pages_at_a_time_from_the_balloon()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { DeflateOnOom = true });
        List<OutOfMemory> ooms = simulation.Record<OutOfMemory>();
        simulation.Apply(new SetBalloonTargetCommand(64L << 20));
        simulation.RunMs(500);
        uint target = simulation.Balloon.Device.Config.NumPages;
        Assert.Equal(target, simulation.Balloon.Device.Config.Actual);

        int taken = 0;
        while (simulation.Kernel.Allocate(0, Simulation.Guest.AllocMode.Normal, "test") >= 0 && simulation.Kernel.Memory.CountOf(PageState.Ballooned) > 0)
        {
            taken++;
        }

        Assert.Empty(ooms);
        Assert.True(simulation.Balloon.Driver.OomDeflatedPages > 0);
        Assert.Equal(0, simulation.Balloon.Driver.OomDeflatedPages % OomDeflater.OomPages);
        Assert.True(simulation.Balloon.Device.Config.Actual < target);
        Assert.Equal(target, simulation.Balloon.Device.Config.NumPages);
    }

    [Fact]
    public void Without_DEFLATE_ON_OOM_the_balloon_keeps_its_pages_and_the_guest_goes_out_of_memory()
    {
        GuestMachine simulation = BalloonTestBed.Create();
        List<OutOfMemory> ooms = simulation.Record<OutOfMemory>();
        simulation.Apply(new SetBalloonTargetCommand(64L << 20));
        simulation.RunMs(500);

        while (simulation.Kernel.Allocate(0, Simulation.Guest.AllocMode.Normal, "test") >= 0)
        {
        }

        Assert.NotEmpty(ooms);
        Assert.Equal(16384, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
    }

    [Fact]
    public void Deflate_on_oom_does_not_inflate_again_until_the_host_sets_a_new_target()
    {
        GuestMachine simulation = BalloonTestBed.Create(new DeviceProperties { DeflateOnOom = true }, workload: new WorkloadSpec(WorkloadKind.Hog, 240L << 20, 1L << 30));
        simulation.Apply(new SetBalloonTargetCommand(64L << 20));

        simulation.RunMs(3_000);
        uint actualAfterOom = simulation.Balloon.Device.Config.Actual;
        simulation.RunMs(10_000);

        Assert.True(actualAfterOom < simulation.Balloon.Device.Config.NumPages);
        Assert.Equal(actualAfterOom, simulation.Balloon.Device.Config.Actual);
    }

    [Fact]
    public void Out_of_puff_sleeps_200_ms_and_removal_still_deflates_every_page()
    {
        GuestMachine simulation = BalloonTestBed.Create();
        List<DriverMessage> messages = simulation.Record<DriverMessage>();
        simulation.Apply(new SetBalloonTargetCommand(BalloonTestBed.GuestBytes));
        for (int ms = 0; ms < 1_000 && messages.Count == 0; ms++)
        {
            simulation.RunMs(1);
        }

        // The first fill that ran out of puff holds the pages it got while it sleeps; removal must not lose them.
        Assert.Contains(messages, m => m.Message.StartsWith("Out of puff!", StringComparison.Ordinal));
        long ballooned = simulation.Kernel.Memory.CountOf(PageState.Ballooned);
        Assert.NotEqual(simulation.Balloon.Driver.BalloonPages, ballooned);
        simulation.Queue.ScheduleAfter(50 * Simulation.Units.SimDuration.NsPerMs, () => simulation.Balloon.Reconfigure(new DeviceProperties()));
        simulation.RunMs(300);

        Assert.Equal(0, simulation.Kernel.Memory.CountOf(PageState.Ballooned));
        Assert.Equal(0u, simulation.Balloon.Device.Config.Actual);
    }
}
