using System.Diagnostics;
using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench core` measured.</summary>
/// <param name="BuildGuestMs">Median wall time to build and boot an 8 GiB guest with its boot footprint.</param>
/// <param name="AllocOpsPerSec">Allocations plus frees per second in a mixed-order workload.</param>
/// <param name="SnapshotMs">Median wall time to aggregate an 8 GiB guest into 200×60 cells.</param>
/// <param name="BytesPerPage">Managed heap bytes per guest page of a booted guest.</param>
public sealed record CoreBenchmarkResult(double BuildGuestMs, double AllocOpsPerSec, double SnapshotMs, double BytesPerPage);

/// <summary>The core benchmark: wall-clock measurements, warmed up, medians of several runs.</summary>
public static class CoreBenchmark
{
    private const long GuestBytes = 8L << 30;
    private const int GridCells = 200 * 60;

    /// <summary>Runs every measurement.</summary>
    public static CoreBenchmarkResult Run()
    {
        var options = new SimulationOptions { Guest = new GuestOptions { MemoryBytes = GuestBytes } };
        double buildMs = BenchTiming.Median(3, () => BenchTiming.Time(() => _ = new GuestMachine(options)));
        double bytesPerPage = MeasureBytesPerPage();
        double opsPerSec = MeasureAllocator();
        var simulation = new GuestMachine(options);
        simulation.Step(Simulation.Units.SimDuration.NsPerSecond);
        var grid = simulation.Grid(GridCells);
        double snapshotMs = BenchTiming.Median(21, () => BenchTiming.Time(() => simulation.Grid(GridCells, reuse: grid)));
        return new CoreBenchmarkResult(buildMs, opsPerSec, snapshotMs, bytesPerPage);
    }

    private static double MeasureBytesPerPage()
    {
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var kernel = new GuestKernel(new GuestOptions { MemoryBytes = GuestBytes }, new EventScheduler(), new EventBus(), new GuestRamBacking(GuestBytes));
        long after = GC.GetTotalMemory(forceFullCollection: true);
        double perPage = (after - before) / (double)kernel.Memory.PageCount;
        GC.KeepAlive(kernel);
        return perPage;
    }

    /// <summary>
    /// Random allocations of orders 0–3 (weighted like the build workload) and frees of random live blocks, keeping
    /// about a quarter of the guest allocated, through the guest kernel's allocation and free paths.
    /// </summary>
    private static double MeasureAllocator()
    {
        var kernel = new GuestKernel(new GuestOptions { MemoryBytes = GuestBytes }, new EventScheduler(), new EventBus(), new GuestRamBacking(GuestBytes));
        var rng = new SimRng(42);
        var live = new List<(int Pfn, int Order)>();
        long liveTarget = kernel.Memory.PageCount / 4;
        long livePages = 0;
        int[] orders = [0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
        const int Operations = 4_000_000;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Operations; i++)
        {
            if (livePages < liveTarget && (live.Count == 0 || rng.NextInt(2) == 0))
            {
                int order = orders[rng.NextInt(orders.Length)];
                int pfn = kernel.Allocate(order, AllocMode.Normal, "bench");
                live.Add((pfn, order));
                livePages += 1 << order;
            }
            else
            {
                int index = rng.NextInt(live.Count);
                (int pfn, int order) = live[index];
                live[index] = live[^1];
                live.RemoveAt(live.Count - 1);
                kernel.Free(pfn, order);
                livePages -= 1 << order;
            }
        }

        return Operations / watch.Elapsed.TotalSeconds;
    }
}
