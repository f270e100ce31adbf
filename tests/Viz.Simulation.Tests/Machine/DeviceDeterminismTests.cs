using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

/// <summary>The device, driver and host keep runs deterministic.</summary>
public sealed class DeviceDeterminismTests
{
    [Fact]
    public void Two_runs_with_every_feature_on_end_in_the_same_state()
    {
        static (ulong Hash, long Events) Run()
        {
            GuestMachine simulation = BalloonTestBed.Create(
                new DeviceProperties { FreePageHint = true, FreePageReporting = true, DeflateOnOom = true, StatsPollingIntervalNs = Simulation.Units.SimDuration.NsPerSecond },
                PoisonMode.InitOnFree,
                new HostOptions { CapacityBytes = 160L << 20 },
                new WorkloadSpec(WorkloadKind.Build, 16L << 20, 64L << 20));
            simulation.Apply(new SetBalloonTargetCommand(32L << 20));
            simulation.Apply(new HintCommand(HintAction.Start));
            simulation.RunMs(5_000);
            simulation.Apply(new HintCommand(HintAction.Done));
            simulation.RunMs(5_000);
            return (simulation.StateHash(), simulation.Events.Published);
        }

        Assert.Equal(Run(), Run());
    }
}
