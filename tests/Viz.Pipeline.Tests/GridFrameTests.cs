using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Pipeline.Tests;

public class GridFrameTests
{
    private static readonly GuestMachine Busy = CreateBusy();

    private static GuestMachine CreateBusy()
    {
        var simulation = new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = 256L << 20 },
            Workload = new WorkloadSpec(WorkloadKind.Build, 32L << 20),
        });
        simulation.Step(SimDuration.NsPerSecond);
        return simulation;
    }

    [Fact]
    public void Every_cell_shows_what_the_classifier_picks_for_its_own_pages()
    {
        Gen.Select(Gen.Int[1, 70000], Gen.Int[0, 60000], Gen.Int[1, 65536]).Sample((cells, start, count) =>
        {
            count = Math.Min(count, Busy.Kernel.Memory.PageCount - start);
            GridAggregate grid = Busy.Grid(cells, start, count);
            GridFrame frame = GridFrame.From(new GridWindow(start, count, cells), grid);
            for (int cell = 0; cell < cells; cell++)
            {
                Assert.Equal(CellClassifier.Classify(grid, cell), frame.States[cell]);
            }
        }, iter: 60, threads: 1); // one shared guest: GuestMachine.Grid belongs to the thread that runs the simulation
    }
}
