using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Machine;

/// <summary>Everything that decides a run: the same options give the same run, bit for bit.</summary>
public sealed record SimulationOptions
{
    /// <summary>How the guest is built.</summary>
    public GuestOptions Guest { get; init; } = new();

    /// <summary>The workload the guest runs from the start.</summary>
    public WorkloadSpec Workload { get; init; } = WorkloadSpec.Idle;

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The virtio-balloon device's properties (which features it offers).</summary>
    public DeviceProperties Device { get; init; } = DeviceProperties.QemuDefault;

    /// <summary>The features the guest's balloon driver supports (Linux: all six).</summary>
    public BalloonFeatures DriverFeatures { get; init; } = BalloonFeatureSet.LinuxDriver;

    /// <summary>The host: memory capacity, discard policy.</summary>
    public HostOptions Host { get; init; } = new();

    /// <summary>Virtual time between workload ticks.</summary>
    public long TickNs { get; init; } = 10 * SimDuration.NsPerMs;
}
