using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Workloads;

namespace Viz.Benchmarks;

/// <summary>The guests the benchmarks run on: booted, idle, of a size in GiB.</summary>
internal static class Guests
{
    /// <summary>An idle guest of <paramref name="gib"/> GiB, booted, run for a simulated second.</summary>
    public static GuestMachine Idle(int gib, bool hinting = false)
    {
        var machine = new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = (long)gib << 30 },
            Workload = WorkloadSpec.Idle,
            Device = new Viz.Simulation.Virtio.DeviceProperties { FreePageHint = hinting },
        });
        machine.Step(1_000_000_000);
        return machine;
    }
}
