using System.Diagnostics;
using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench core` measured.</summary>
/// <param name="BuildGuestMs">Median wall time to build and boot an 8 GiB guest with its boot footprint.</param>
/// <param name="AllocOpsPerSec">Allocations plus frees per second in a mixed-order workload.</param>
/// <param name="SnapshotMs">Median wall time to aggregate an 8 GiB guest into 200×60 cells.</param>
/// <param name="BytesPerPage">Managed heap bytes per guest page of a booted guest.</param>
/// <param name="BytesPerPageMigrating">The same while a migration runs (its bitmap and the destination's copy added).</param>
/// <param name="BaselinePassMs">One vectorised pass over a byte per page of the 8 GiB guest (<see cref="BenchBaseline"/>).</param>
/// <param name="SnapshotRatio"><paramref name="SnapshotMs"/> over <paramref name="BaselinePassMs"/>.</param>
/// <param name="Boot1TiBMs">Wall time to build and boot a 1 TiB guest (once: it is long enough).</param>
/// <param name="Snapshot1TiBMs">Median wall time to aggregate the booted 1 TiB guest into 200×60 cells.</param>
/// <param name="BaselinePass1TiBMs">One vectorised pass over a byte per page of the 1 TiB guest.</param>
/// <param name="Boot1TiBRatio"><paramref name="Boot1TiBMs"/> over <paramref name="BaselinePass1TiBMs"/>.</param>
/// <param name="Snapshot1TiBRatio"><paramref name="Snapshot1TiBMs"/> over <paramref name="BaselinePass1TiBMs"/>.</param>
public sealed record CoreBenchmarkResult(
    double BuildGuestMs,
    double AllocOpsPerSec,
    double SnapshotMs,
    double BytesPerPage,
    double BytesPerPageMigrating,
    double BaselinePassMs,
    double SnapshotRatio,
    double Boot1TiBMs,
    double Snapshot1TiBMs,
    double BaselinePass1TiBMs,
    double Boot1TiBRatio,
    double Snapshot1TiBRatio);

/// <summary>The core benchmark: wall-clock measurements, warmed up, medians of several runs.</summary>
public static class CoreBenchmark
{
    private const long GuestBytes = 8L << 30;
    private const long LargeGuestBytes = 1L << 40;
    private const int GridCells = 200 * 60;

    /// <summary>Runs every measurement.</summary>
    public static CoreBenchmarkResult Run()
    {
        var options = new SimulationOptions { Guest = new GuestOptions { MemoryBytes = GuestBytes } };
        double buildMs = BenchTiming.Median(3, () => BenchTiming.Time(() => _ = new GuestMachine(options)));
        double bytesPerPage = MeasureBytesPerPage();
        double opsPerSec = MeasureAllocator();
        var simulation = new GuestMachine(options);
        simulation.Step(SimDuration.NsPerSecond);
        var grid = simulation.Grid(GridCells);
        double snapshotMs = BenchTiming.Median(21, () => BenchTiming.Time(() => simulation.Grid(GridCells, reuse: grid)));
        double migratingPerPage = bytesPerPage + MeasureMigrationBytesPerPage(simulation);
        double baselineMs = BenchBaseline.VectorPassMs(GuestBytes);
        (double boot1TiBMs, double snapshot1TiBMs) = MeasureLargeGuest();
        double baseline1TiBMs = BenchBaseline.VectorPassMs(LargeGuestBytes);
        return new CoreBenchmarkResult(
            buildMs, opsPerSec, snapshotMs, bytesPerPage, migratingPerPage, baselineMs, BenchBaseline.Ratio(snapshotMs, baselineMs),
            boot1TiBMs, snapshot1TiBMs, baseline1TiBMs, BenchBaseline.Ratio(boot1TiBMs, baseline1TiBMs), BenchBaseline.Ratio(snapshot1TiBMs, baseline1TiBMs));
    }

    /// <summary>Boots a 1 TiB guest once, then times its grid snapshot; the guest is dropped before returning.</summary>
    private static (double BootMs, double SnapshotMs) MeasureLargeGuest()
    {
        var options = new SimulationOptions { Guest = new GuestOptions { MemoryBytes = LargeGuestBytes } };
        GuestMachine? large = null;
        double bootMs = BenchTiming.Time(() => large = new GuestMachine(options));
        var grid = large!.Grid(GridCells);
        double snapshotMs = BenchTiming.Median(9, () => BenchTiming.Time(() => large.Grid(GridCells, reuse: grid)));
        large = null;
        GC.Collect();
        return (bootMs, snapshotMs);
    }

    /// <summary>Managed bytes per page a migration of <paramref name="simulation"/> adds while it runs.</summary>
    private static double MeasureMigrationBytesPerPage(GuestMachine simulation)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        simulation.Enqueue(new StartMigrationCommand(new MigrationParameters()));
        simulation.Step(SimDuration.NsPerMs);
        long during = GC.GetTotalMemory(forceFullCollection: true);
        return (during - before) / (double)simulation.Kernel.Memory.PageCount;
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
