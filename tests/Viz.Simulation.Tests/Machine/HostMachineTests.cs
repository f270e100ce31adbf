using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

/// <summary>Several guests on one host: conservation, swap shared by all, determinism, and what reporting buys.</summary>
public class HostMachineTests
{
    private static readonly string[] Workloads = ["idle", "build", "hog:48MiB", "hog:96MiB@128MiB/s", "pagecache:48MiB"];

    private static SimulationOptions Guest(string workload, long memory = 128L << 20, ulong seed = 1, bool reporting = false, PoisonMode poison = PoisonMode.Off)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out string error), error);
        return new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = memory, Poison = poison },
            Workload = spec,
            Seed = seed,
            Device = new DeviceProperties { FreePageReporting = reporting },
        };
    }

    private sealed record Scenario(string[] Workloads, long CapacityMiB, long? SwapMiB, ulong Seed)
    {
        public override string ToString() => $"{string.Join(" + ", Workloads)} on {CapacityMiB} MiB, swap {SwapMiB?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} MiB, seed {Seed}";
    }

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, Workloads.Length - 1].Array[1, 4], Gen.Long[40, 400], Gen.Long[-50, 200], Gen.ULong)
            .Select(t => new Scenario([.. t.Item1.Select(i => Workloads[i])], t.Item2, t.Item3 < 0 ? null : t.Item3, t.Item4));

    /// <summary>
    /// At every tick: the host's memory holds exactly the guests' backed pages, its swap exactly their swapped pages
    /// (never more than the device), the host's own RSS accounting of each guest matches its backed pages, and after the
    /// host's accounting the guests fit in its memory unless the swap device is full.
    /// </summary>
    [Fact]
    public void Host_memory_and_swap_always_hold_exactly_what_the_guests_have_there()
    {
        Scenarios.Sample(scenario =>
        {
            var host = new HostOptions { CapacityBytes = scenario.CapacityMiB << 20, SwapBytes = scenario.SwapMiB << 20 };
            var machine = new HostMachine(host, [.. scenario.Workloads.Select((w, i) => Guest(w, seed: scenario.Seed + (ulong)i))]);
            bool swapFull = false;
            machine.Events.Subscribe(e => swapFull |= e is HostSwapFull);
            for (int step = 0; step < 60; step++)
            {
                machine.Step(100 * SimDuration.NsPerMs);
                Assert.Equal(machine.Guests.Sum(g => g.Ram.Backed.SetCount), machine.Host.ResidentPages);
                Assert.Equal(machine.Guests.Sum(g => g.Ram.Swapped.SetCount), machine.Host.SwappedPages);
                Assert.True(machine.Host.SwapCapacityPages is not long swap || machine.Host.SwappedPages <= swap);
                Assert.All(machine.Guests, g => Assert.Equal(g.HostAccount.ResidentPages, g.HostAccount.AccountedResidentPages));
                Assert.True(swapFull || machine.Host.ResidentPages <= machine.Host.CapacityPages, $"{machine.Host.ResidentPages} resident at step {step}");
            }
        }, iter: 40, threads: 1, print: scenario => scenario.ToString());
    }

    [Fact]
    public void The_same_guests_and_host_give_the_same_run_and_another_seed_another()
    {
        ulong Run(ulong seed) => Run2(seed).StateHash();
        HostMachine Run2(ulong seed)
        {
            var machine = new HostMachine(
                new HostOptions { CapacityBytes = 160L << 20 },
                [Guest("build", seed: seed), Guest("hog:96MiB@128MiB/s", seed: seed + 1)]);
            machine.Step(5 * SimDuration.NsPerSecond);
            return machine;
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    /// <summary>With one guest the host machine is the guest alone on its host, event for event.</summary>
    [Fact]
    public void One_guest_on_a_host_machine_runs_as_the_guest_alone()
    {
        SimulationOptions options = Guest("build") with { Host = new HostOptions { CapacityBytes = 96L << 20 } };
        var alone = new GuestMachine(options);
        var machine = new HostMachine(options.Host, [options]);
        alone.Step(5 * SimDuration.NsPerSecond);
        machine.Step(5 * SimDuration.NsPerSecond);

        Assert.Equal(alone.StateHash(), machine.Guests[0].StateHash());
        Assert.Equal(alone.Host.SwapOutPages, machine.Host.SwapOutPages);
    }

    /// <summary>
    /// The swap device is one queue: a guest's swap-ins wait behind what another guest's swapping put on it, so each
    /// read takes it far longer than the device's own read time.
    /// </summary>
    [Fact]
    public void One_guests_swapping_slows_the_swap_ins_of_another()
    {
        double StallPerSwapIn(bool neighbour)
        {
            List<SimulationOptions> guests = [Guest("build:16MiB@64MiB/s")];
            if (neighbour)
            {
                guests.Add(Guest("build:16MiB@256MiB/s", seed: 2));
            }

            var machine = new HostMachine(new HostOptions { CapacityBytes = neighbour ? 128L << 20 : 64L << 20 }, guests);
            machine.Step(20 * SimDuration.NsPerSecond);
            HostGuestAccount first = machine.Guests[0].HostAccount;
            Assert.True(first.Ram.SwapIns > 0);
            return first.SwapStallNs / (double)first.Ram.SwapIns;
        }

        double alone = StallPerSwapIn(neighbour: false);
        double shared = StallPerSwapIn(neighbour: true);
        Assert.InRange(alone, HostCosts.Default.SwapInNs, 2 * HostCosts.Default.SwapInNs);
        Assert.True(shared > 3 * alone, $"{shared:F0} ns a swap-in beside a swapping guest, {alone:F0} ns with the device to itself");
    }

    /// <summary>
    /// Free page reporting lets the host discard what the guests free (the QEMU reporting cover letter: "avoid
    /// unnecessary I/O to disk ... in the case of memory overcommit on the host"): three guests that allocate and free
    /// hold far less of the host's memory and swap with it.
    /// </summary>
    [Fact]
    public void With_reporting_guests_that_free_memory_hold_far_less_host_memory_and_swap()
    {
        (long Resident, long Swapped) Held(bool reporting)
        {
            var machine = new HostMachine(
                new HostOptions { CapacityBytes = 192L << 20 },
                [.. Enumerable.Range(0, 3).Select(i => Guest("hog:96MiB", seed: (ulong)i + 1, reporting: reporting))]);
            machine.Step(40 * SimDuration.NsPerSecond);
            return (machine.Host.ResidentPages, machine.Host.SwappedPages);
        }

        (long residentWithout, long swappedWithout) = Held(reporting: false);
        (long residentWith, long swappedWith) = Held(reporting: true);
        Assert.True(swappedWithout > 0);
        Assert.True(residentWith + swappedWith < (residentWithout + swappedWithout) / 2, $"with reporting {residentWith} + {swappedWith}, without {residentWithout} + {swappedWithout}");
        Assert.True(swappedWith < swappedWithout * 6 / 10);
    }

    /// <summary>Migrating a guest off an overcommitted host takes its memory with it: the others stop swapping.</summary>
    [Fact]
    public void Migrating_a_guest_away_frees_its_memory_on_the_host_and_the_others_stop_swapping()
    {
        var machine = new HostMachine(
            new HostOptions { CapacityBytes = 200L << 20 },
            [Guest("build:16MiB@64MiB/s"), Guest("hog:112MiB@64MiB/s", seed: 2), Guest("build:16MiB@64MiB/s", seed: 3)]);
        var left = new List<GuestLeftHost>();
        machine.Events.Subscribe(e =>
        {
            if (e is GuestLeftHost g)
            {
                left.Add(g);
            }
        });
        machine.Step(10 * SimDuration.NsPerSecond);
        long swappingBefore = machine.Host.SwapOutPages;
        GuestMachine away = machine.Guests[1];
        machine.MigrateAway(away, new Viz.Simulation.Migration.MigrationParameters());
        machine.Step(5 * SimDuration.NsPerSecond);
        long afterLeaving = machine.Host.SwapOutPages;
        machine.Step(10 * SimDuration.NsPerSecond);

        Assert.True(swappingBefore > 0);
        Assert.Single(left);
        Assert.False(machine.OnHost(away));
        Assert.True(away.Migration!.Result!.Verified);
        Assert.Equal(machine.Guests.Where(machine.OnHost).Sum(g => g.Ram.Backed.SetCount), machine.Host.ResidentPages);
        Assert.True(machine.Host.ResidentPages <= machine.Host.CapacityPages);
        Assert.Equal(afterLeaving, machine.Host.SwapOutPages);
    }

    [Fact]
    public void A_full_swap_device_stops_swapping_and_says_so()
    {
        var machine = new HostMachine(
            new HostOptions { CapacityBytes = 64L << 20, SwapBytes = 8L << 20 },
            [Guest("hog:96MiB"), Guest("hog:96MiB", seed: 2)]);
        var full = new List<HostSwapFull>();
        machine.Events.Subscribe(e =>
        {
            if (e is HostSwapFull f)
            {
                full.Add(f);
            }
        });
        machine.Step(10 * SimDuration.NsPerSecond);

        Assert.Equal((8L << 20) / KernelConstants.PageSize, machine.Host.SwappedPages);
        Assert.NotEmpty(full);
        Assert.True(machine.Host.ResidentPages > machine.Host.CapacityPages);
    }
}
