using System.Diagnostics;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Virtio;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench migrate` measured.</summary>
/// <param name="Compare8GiBMs">Median wall time of the idle 8 GiB compare (both runs, guests built and booted included).</param>
/// <param name="Compare64GiBMs">Median wall time of the same compare for a 64 GiB guest.</param>
/// <param name="BaselinePass8GiBMs">One vectorised pass over a byte per page of the 8 GiB guest (<see cref="BenchBaseline"/>).</param>
/// <param name="BaselinePass64GiBMs">The same for the 64 GiB guest.</param>
/// <param name="Compare8GiBRatio"><paramref name="Compare8GiBMs"/> over <paramref name="BaselinePass8GiBMs"/>.</param>
/// <param name="Compare64GiBRatio"><paramref name="Compare64GiBMs"/> over <paramref name="BaselinePass64GiBMs"/>.</param>
public sealed record MigrateBenchmarkResult(
    double Compare8GiBMs,
    double Compare64GiBMs,
    double BaselinePass8GiBMs,
    double BaselinePass64GiBMs,
    double Compare8GiBRatio,
    double Compare64GiBRatio);

/// <summary>The migration benchmark: wall time of `compare` at two guest sizes, warmed up, medians.</summary>
public static class MigrateBenchmark
{
    /// <summary>Runs both measurements.</summary>
    public static MigrateBenchmarkResult Run()
    {
        double small = BenchTiming.Median(5, () => Compare(8L << 30));
        double large = BenchTiming.Median(3, () => Compare(64L << 30));
        double smallBaseline = BenchBaseline.VectorPassMs(8L << 30);
        double largeBaseline = BenchBaseline.VectorPassMs(64L << 30);
        return new(small, large, smallBaseline, largeBaseline, BenchBaseline.Ratio(small, smallBaseline), BenchBaseline.Ratio(large, largeBaseline));
    }

    private static double Compare(long bytes)
    {
        var legacy = new SimulationOptions { Guest = new GuestOptions { MemoryBytes = bytes } };
        SimulationOptions hinting = legacy with { Device = new DeviceProperties { FreePageHint = true } };
        return BenchTiming.Time(() => MigrationComparison.Run(legacy, hinting, new MigrationParameters(), startAfterNs: null));
    }
}
