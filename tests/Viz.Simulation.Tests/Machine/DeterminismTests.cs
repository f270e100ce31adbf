using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

public class DeterminismTests
{
    private static (List<string> Events, MemoryCounts Counts, ulong Hash, int[] Grid) Run(ulong seed, bool withCommands)
    {
        var options = new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = 512L << 20 },
            Workload = new WorkloadSpec(WorkloadKind.Build, 64L << 20),
            Seed = seed,
        };
        var simulation = new GuestMachine(options);
        var events = new List<string>();
        simulation.Events.Subscribe(e => events.Add($"{e.TimeNs} {e.GetType().Name} {e.Kind}: {e.Describe()}"));
        simulation.Step(2 * SimDuration.NsPerSecond);
        if (withCommands)
        {
            simulation.Enqueue(new SetPoisoningCommand(PoisonMode.PagePoison, InitOnAlloc: false));
            simulation.Enqueue(new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Hog, 128L << 20)));
        }

        simulation.Step(3 * SimDuration.NsPerSecond);
        GridAggregate grid = simulation.Grid(97);
        int[] cells = [.. Enumerable.Range(0, grid.Cells).SelectMany(c => Enum.GetValues<GridLayer>().Select(l => grid.Count(c, l)))];
        return (events, simulation.Counts(), simulation.StateHash(), cells);
    }

    [Fact]
    public void The_same_seed_and_commands_give_the_same_events_counts_grid_and_memory_bit_for_bit()
    {
        var first = Run(7, withCommands: true);
        var second = Run(7, withCommands: true);
        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Counts, second.Counts);
        Assert.Equal(first.Grid, second.Grid);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Contains(first.Events, e => e.Contains(nameof(CommandApplied), StringComparison.Ordinal));
    }

    [Fact]
    public void Another_seed_gives_another_run()
    {
        Assert.NotEqual(Run(7, withCommands: false).Hash, Run(8, withCommands: false).Hash);
    }

    [Fact]
    public void Commands_change_the_run()
    {
        Assert.NotEqual(Run(7, withCommands: false).Hash, Run(7, withCommands: true).Hash);
    }
}
