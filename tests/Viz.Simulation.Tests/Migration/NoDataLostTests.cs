using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Migration;

/// <summary>
/// Seeded migrations of guests running every workload with every poisoning option, free page hinting and free page
/// reporting on and off, at bandwidths from a slow network to a local link, with KVM's dirty log cleared eagerly or lazily in chunks of several sizes, started at different moments so the workloads write while pages are sent: the
/// destination must hold exactly what the guest can observe on the source, every time.
/// </summary>
public class NoDataLostTests
{
    private static readonly string[] Workloads = ["idle", "build", "build@512MiB/s", "hog:24MiB@256MiB/s", "pagecache:24MiB@128MiB/s"];
    private static readonly long[] Bandwidths = [MigrationParameters.SeedBandwidth, 1L << 30, 128L << 20, 48L << 20];

    // KVM's dirty log cleared eagerly, or lazily in chunks from QEMU's smallest (64 pages) to larger than the guest.
    private static readonly int?[] ClearShifts = [null, MigrationCosts.MinClearBitmapShift, 10, MigrationCosts.QemuDefaultClearBitmapShift];

    private sealed record Scenario(
        string Workload, PoisonMode Poison, bool InitOnAlloc, bool Hinting, bool Reporting, long Bandwidth, int? ClearShift, long StartAfterNs, ulong Seed)
    {
        public override string ToString() =>
            $"{Workload} poison={Poison} init_on_alloc={InitOnAlloc} hinting={Hinting} reporting={Reporting} bandwidth={ByteSize.Format(Bandwidth)}/s clear-bitmap-shift={ClearShift?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "eager"} start-after={SimDuration.Format(StartAfterNs)} seed={Seed}";
    }

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, Workloads.Length - 1], Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, (Bandwidths.Length * ClearShifts.Length) - 1], Gen.Int[100, 3000], Gen.ULong)
            .Select(t => new Scenario(
                Workloads[t.Item1], (PoisonMode)t.Item2, t.Item3, t.Item4, t.Item5, Bandwidths[t.Item6 % Bandwidths.Length],
                ClearShifts[t.Item6 / Bandwidths.Length], t.Item7 * SimDuration.NsPerMs, t.Item8));

    [Fact]
    public void Two_hundred_seeded_migrations_all_verify_with_no_page_lost()
    {
        int completed = 0;
        Scenarios.Sample(scenario =>
        {
            Assert.True(WorkloadSpec.TryParse(scenario.Workload, out WorkloadSpec spec, out _));
            var options = new SimulationOptions
            {
                Guest = new GuestOptions { MemoryBytes = 64L << 20, Poison = scenario.Poison, InitOnAlloc = scenario.InitOnAlloc },
                Workload = spec,
                Seed = scenario.Seed,
                Device = new DeviceProperties { FreePageHint = scenario.Hinting, FreePageReporting = scenario.Reporting },
            };
            var parameters = new MigrationParameters
            {
                BandwidthBytesPerSecond = scenario.Bandwidth,
                MaxRounds = 60,
                Costs = MigrationCosts.Default with { ClearBitmapShift = scenario.ClearShift },
            };
            MigrationResult result = MigrationRun.Execute(options, parameters, scenario.StartAfterNs);
            if (result.Outcome == MigrationOutcome.Completed)
            {
                Interlocked.Increment(ref completed);
                Assert.True(result.Verified);
                Assert.Equal(0, result.MismatchedPages);
            }
        }, iter: 200, threads: 1, print: scenario => scenario.ToString());
        Assert.True(completed >= 180, $"only {completed} of 200 migrations completed");
    }
}
