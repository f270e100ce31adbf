using System.Diagnostics;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench host` measured.</summary>
/// <param name="HostMinuteMs">Wall time of 8 guests of 8 GiB with mixed workloads on one overcommitted host for a simulated minute, boot included.</param>
/// <param name="PeakRssBytes">The process's peak resident memory after the run.</param>
/// <param name="SwappedOutPages">Pages the host swapped out in the run (it is overcommitted, so it swaps).</param>
public sealed record HostBenchmarkResult(double HostMinuteMs, long PeakRssBytes, long SwappedOutPages);

/// <summary>The several-guests benchmark: one simulated minute of 8 × 8 GiB on a 16 GiB host with 16 GiB of swap.</summary>
public static class HostBenchmark
{
    private static readonly string[] Workloads =
        ["build", "hog:6GiB", "pagecache:2GiB", "idle", "build@512MiB/s", "hog:4GiB@512MiB/s", "pagecache", "idle"];

    /// <summary>Runs the measurement once (a simulated minute is long enough not to need a median).</summary>
    public static HostBenchmarkResult Run()
    {
        SimulationOptions[] guests =
        [
            .. Workloads.Select((text, i) =>
            {
                if (!WorkloadSpec.TryParse(text, out WorkloadSpec spec, out string error))
                {
                    throw new InvalidOperationException(error);
                }

                return new SimulationOptions
                {
                    Guest = new GuestOptions { MemoryBytes = 8L << 30 },
                    Workload = spec,
                    Seed = (ulong)i + 1,
                    Device = new DeviceProperties { FreePageReporting = i % 2 == 0 },
                };
            }),
        ];
        HostMachine? machine = null;
        double ms = BenchTiming.Time(() =>
        {
            machine = new HostMachine(new HostOptions { CapacityBytes = 16L << 30, SwapBytes = 16L << 30 }, guests);
            machine.Step(60 * SimDuration.NsPerSecond);
        });
        return new HostBenchmarkResult(ms, Process.GetCurrentProcess().PeakWorkingSet64, machine!.Host.SwapOutPages);
    }
}
