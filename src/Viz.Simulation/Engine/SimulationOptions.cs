using Viz.Simulation.Guest;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Engine;

/// <summary>Everything that decides a run: the same options give the same run, bit for bit.</summary>
public sealed record SimulationOptions
{
    /// <summary>How the guest is built.</summary>
    public GuestOptions Guest { get; init; } = new();

    /// <summary>The workload the guest runs from the start.</summary>
    public WorkloadSpec Workload { get; init; } = WorkloadSpec.Idle;

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Virtual time between workload ticks.</summary>
    public long TickNs { get; init; } = 10 * SimDuration.NsPerMs;
}
