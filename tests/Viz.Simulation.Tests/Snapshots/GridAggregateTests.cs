using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Snapshots;

public class GridAggregateTests
{
    private static readonly GuestMachine Busy = CreateBusy();

    private static GuestMachine CreateBusy()
    {
        var simulation = new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = 256L << 20, Poison = PoisonMode.PagePoison },
            Workload = new WorkloadSpec(WorkloadKind.Build, 32L << 20),
        });
        simulation.Step(2 * SimDuration.NsPerSecond);
        return simulation;
    }

    [Fact]
    public void Each_cell_counts_exactly_the_pages_of_its_range()
    {
        Gen.Select(Gen.Int[1, 5000], Gen.Int[0, 60000], Gen.Int[1, 65536]).Sample((cells, start, count) =>
        {
            GuestMemory memory = Busy.Kernel.Memory;
            start = Math.Min(start, memory.PageCount - 1);
            count = Math.Min(count, memory.PageCount - start);
            GridAggregate grid = Busy.Grid(cells, start, count);
            int covered = 0;
            for (int cell = 0; cell < cells; cell++)
            {
                int first = grid.CellStart(cell);
                int pages = grid.PagesIn(cell);
                Assert.Equal(start + covered, first);
                covered += pages;
                int owners = PageStates.All.Sum(state => grid.Count(cell, (GridLayer)state));
                Assert.Equal(pages, owners);
                foreach (PageState state in PageStates.All)
                {
                    Assert.Equal(memory.States.Slice(first, pages).Count(state), grid.Count(cell, (GridLayer)state));
                }

                Assert.Equal(memory.Reported.CountRange(first, pages), grid.Count(cell, GridLayer.Reported));
                Assert.Equal(memory.Kinds.Slice(first, pages).Count(ContentKind.Poison), grid.Count(cell, GridLayer.Poisoned));
                Assert.Equal(Busy.Ram.Backed.CountRange(first, pages), grid.Count(cell, GridLayer.Backed));
            }

            Assert.Equal(count, covered);
        }, iter: 60, threads: 1); // one shared guest: GuestMachine.Grid belongs to the thread that runs the simulation
    }

    [Fact]
    public void Whole_guest_totals_match_the_counts()
    {
        GridAggregate grid = Busy.Grid(200 * 60);
        MemoryCounts counts = Busy.Counts();
        foreach (PageState state in PageStates.All)
        {
            Assert.Equal(counts.PagesIn(state), Enumerable.Range(0, grid.Cells).Sum(c => (long)grid.Count(c, (GridLayer)state)));
        }

        Assert.Equal(counts.Poisoned, Enumerable.Range(0, grid.Cells).Sum(c => (long)grid.Count(c, GridLayer.Poisoned)));
        Assert.Equal(counts.Backed, Enumerable.Range(0, grid.Cells).Sum(c => (long)grid.Count(c, GridLayer.Backed)));
    }

    [Fact]
    public void A_range_outside_the_guest_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Busy.Grid(10, Busy.Kernel.Memory.PageCount - 5, 10));
    }
}
