using BenchmarkDotNet.Attributes;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Benchmarks;

/// <summary>A whole headless migration of an idle guest, legacy and with hinting: boot, settle, migrate, verify.</summary>
public class MigrationBenchmarks
{
    /// <summary>The guest's size in GiB.</summary>
    [Params(1, 8)]
    public int Gib { get; set; }

    /// <summary>Whether the guest negotiates free page hinting.</summary>
    [Params(false, true)]
    public bool Hinting { get; set; }

    /// <summary>One migration, from boot.</summary>
    [Benchmark]
    public MigrationResult Migrate() => MigrationRun.Execute(
        new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = (long)Gib << 30 },
            Workload = WorkloadSpec.Idle,
            Device = new DeviceProperties { FreePageHint = Hinting },
        },
        new MigrationParameters(),
        startAfterNs: null);
}
