using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

/// <summary>Small simulations for device and host tests, and a recorder of their events.</summary>
internal static class BalloonTestBed
{
    /// <summary>A 256 MiB guest: big enough for the reporting threshold (low + 64 MiB), small enough to be fast.</summary>
    public const long GuestBytes = 256L << 20;

    public static GuestMachine Create(
        DeviceProperties? device = null,
        PoisonMode poison = PoisonMode.Off,
        HostOptions? host = null,
        WorkloadSpec? workload = null,
        long memory = GuestBytes,
        BalloonFeatures driver = BalloonFeatureSet.LinuxDriver) =>
        new(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = memory, Poison = poison },
            Device = device ?? new DeviceProperties(),
            DriverFeatures = driver,
            Host = host ?? new HostOptions(),
            Workload = workload ?? new WorkloadSpec(WorkloadKind.Idle, RateBytesPerSecond: 0),
        });

    /// <summary>Records every event of type <typeparamref name="T"/> from now on.</summary>
    public static List<T> Record<T>(this GuestMachine simulation)
        where T : SimEvent
    {
        List<T> events = [];
        simulation.Events.Subscribe(e =>
        {
            if (e is T match)
            {
                events.Add(match);
            }
        });
        return events;
    }

    /// <summary>Runs the simulation for <paramref name="ms"/> milliseconds.</summary>
    public static void RunMs(this GuestMachine simulation, long ms) => simulation.Step(ms * SimDuration.NsPerMs);

    /// <summary>Applies a command now.</summary>
    public static void Apply(this GuestMachine simulation, ISimCommand command)
    {
        simulation.Enqueue(command);
        simulation.Step(0);
    }
}
