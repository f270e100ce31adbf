using System.Diagnostics;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Virtio;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench migrate` measured.</summary>
/// <param name="Compare8GiBMs">Median wall time of the idle 8 GiB compare (both runs, guests built and booted included).</param>
/// <param name="Compare64GiBMs">Median wall time of the same compare for a 64 GiB guest.</param>
public sealed record MigrateBenchmarkResult(double Compare8GiBMs, double Compare64GiBMs);

/// <summary>The migration benchmark: wall time of `compare` at two guest sizes, warmed up, medians.</summary>
public static class MigrateBenchmark
{
    /// <summary>Runs both measurements.</summary>
    public static MigrateBenchmarkResult Run() => new(BenchTiming.Median(5, () => Compare(8L << 30)), BenchTiming.Median(3, () => Compare(64L << 30)));

    private static double Compare(long bytes)
    {
        var legacy = new SimulationOptions { Guest = new GuestOptions { MemoryBytes = bytes } };
        SimulationOptions hinting = legacy with { Device = new DeviceProperties { FreePageHint = true } };
        return BenchTiming.Time(() => MigrationComparison.Run(legacy, hinting, new MigrationParameters(), startAfterNs: null));
    }
}
