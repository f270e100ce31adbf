using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

/// <summary>A guest's slowdown on a shared host against running alone, and how many guests fit.</summary>
public class HostSlowdownTests
{
    private static SimulationOptions Build(int n)
    {
        Assert.True(WorkloadSpec.TryParse("build", out WorkloadSpec spec, out _));
        return new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 128L << 20 }, Workload = spec, Seed = (ulong)n };
    }

    [Fact]
    public void A_guest_alone_on_an_unlimited_host_loses_nothing_and_an_idle_workload_has_no_slowdown()
    {
        double alone = HostSlowdown.ProgressAlone(Build(1), 2 * SimDuration.NsPerSecond);

        Assert.True(alone > 0);
        Assert.Equal(0, HostSlowdown.Of(alone, alone));
        Assert.Equal(0.25, HostSlowdown.Of(0.75 * alone, alone)!.Value, 9);
        Assert.Null(HostSlowdown.Of(0, 0));
    }

    [Fact]
    public void A_host_with_room_for_all_fits_the_most_tried_and_a_tiny_one_slows_the_first_guest()
    {
        HostFitResult roomy = HostSlowdown.Fit(new HostOptions { CapacityBytes = 4L << 30 }, Build, BalloonPolicy.None, 2 * SimDuration.NsPerSecond, 3, 0.05);
        HostFitResult tiny = HostSlowdown.Fit(new HostOptions { CapacityBytes = 16L << 20 }, Build, BalloonPolicy.None, 2 * SimDuration.NsPerSecond, 3, 0.05);

        Assert.Equal(new HostFitResult(3, null, null), roomy);
        Assert.Equal(0, tiny.Count);
        Assert.True(tiny.NextSlowdown > 0.05);
        Assert.Equal(0, tiny.NextSlowest);
    }
}
