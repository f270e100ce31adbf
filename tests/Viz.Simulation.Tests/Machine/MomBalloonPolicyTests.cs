using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

/// <summary>The auto policy against oVirt MoM's balloon.rules.</summary>
public class MomBalloonPolicyTests
{
    private static SimulationOptions Guest(string workload, ulong seed = 1)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out string error), error);
        return new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 256L << 20 }, Workload = spec, Seed = seed };
    }

    private static HostMachine Run(long hostBytes, BalloonPolicy policy, long seconds, params string[] workloads)
    {
        var machine = new HostMachine(new HostOptions { CapacityBytes = hostBytes }, [.. workloads.Select((w, i) => Guest(w, (ulong)i + 1))], policy);
        machine.Step(seconds * SimDuration.NsPerSecond);
        return machine;
    }

    /// <summary>Below 20% host free memory the rules shrink every guest, so the host swaps less than with nobody ballooning.</summary>
    [Fact]
    public void Under_host_memory_pressure_the_guests_are_ballooned_and_the_host_swaps_less()
    {
        string[] guests = ["pagecache:160MiB", "pagecache:160MiB", "build:16MiB@64MiB/s"];
        HostMachine none = Run(448L << 20, BalloonPolicy.None, 120, guests);
        HostMachine auto = Run(448L << 20, BalloonPolicy.Auto, 120, guests);

        Assert.True(auto.Policy!.TargetsSet > 0);
        Assert.All(auto.Guests, g => Assert.True(g.Balloon.Device.Config.Actual > 0));
        Assert.True(auto.Host.SwappedPages < none.Host.SwappedPages * 3 / 4, $"in swap: auto {auto.Host.SwappedPages}, none {none.Host.SwappedPages}");
    }

    /// <summary>shrink_guest takes at most 5% of a guest's memory per 10 s evaluation.</summary>
    [Fact]
    public void A_guest_shrinks_by_at_most_five_percent_an_evaluation()
    {
        HostMachine auto = Run(300L << 20, BalloonPolicy.Auto, 10, "pagecache:160MiB", "pagecache:160MiB");
        uint oneStep = (uint)(0.05 * (256L << 20) / KernelConstants.PageSize) + 1;
        Assert.All(auto.Guests, g => Assert.InRange(g.Balloon.Device.Config.NumPages, 1u, oneStep));
    }

    /// <summary>
    /// With 20% of the host free or more the rules only grow guests: none is ballooned, and none runs out of memory more
    /// often than with nobody ballooning (a workload may fill its own guest either way).
    /// </summary>
    [Theory]
    [InlineData("build")]
    [InlineData("hog:200MiB")]
    [InlineData("pagecache:200MiB")]
    public void A_host_with_free_memory_never_balloons_a_guest_or_drives_it_out_of_memory(string workload)
    {
        HostMachine auto = Run(2L << 30, BalloonPolicy.Auto, 60, workload, workload, workload);
        HostMachine none = Run(2L << 30, BalloonPolicy.None, 60, workload, workload, workload);

        Assert.All(auto.Guests, g => Assert.Equal(0u, g.Balloon.Device.Config.NumPages));
        Assert.Equal(none.Guests.Select(g => g.Kernel.OutOfMemoryEvents), auto.Guests.Select(g => g.Kernel.OutOfMemoryEvents));
    }

    /// <summary>grow_guest gives ballooned guests their memory back once the pressure is gone.</summary>
    [Fact]
    public void Once_the_pressure_ends_ballooned_guests_grow_back()
    {
        var machine = new HostMachine(
            new HostOptions { CapacityBytes = 400L << 20 },
            [Guest("pagecache:160MiB"), Guest("hog:200MiB", 2)],
            BalloonPolicy.Auto);
        machine.Step(40 * SimDuration.NsPerSecond);
        uint inflated = machine.Guests[0].Balloon.Device.Config.NumPages;
        machine.Step(200 * SimDuration.NsPerSecond);

        Assert.True(inflated > 0);
        Assert.True(machine.Guests[0].Balloon.Device.Config.NumPages < inflated, $"{inflated} pages ballooned under pressure, {machine.Guests[0].Balloon.Device.Config.NumPages} after");
    }
}
