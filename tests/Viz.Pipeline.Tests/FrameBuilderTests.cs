using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline.Tests;

public class FrameBuilderTests
{
    [Fact]
    public void A_frame_carries_the_grid_the_counts_and_the_features()
    {
        GuestMachine simulation = TestFrames.SmallSimulation();
        using var builder = new FrameBuilder(simulation);
        int pages = simulation.Kernel.Memory.PageCount;

        SimFrame frame = builder.Build(new GridWindow(0, pages, 64), null, new SimulationSpeed(4), paused: true, 1.5);

        Assert.Equal(1, frame.Number);
        Assert.Equal(64, frame.Grid.States.Length);
        Assert.Equal(pages, frame.Counts.TotalPages);
        Assert.Equal(CellState.Kernel, frame.Grid.States[0]);
        Assert.Contains(CellState.FreeUnbacked, frame.Grid.States);
        Assert.Equal(PoisonMode.Off, frame.Features.Poison);
        Assert.True(frame.Paused);
        Assert.Equal(new SimulationSpeed(4), frame.Speed);
        Assert.Null(frame.Selection);
    }

    [Fact]
    public void A_window_past_the_guest_is_clamped_to_it()
    {
        GuestMachine simulation = TestFrames.SmallSimulation();
        using var builder = new FrameBuilder(simulation);
        int pages = simulation.Kernel.Memory.PageCount;

        SimFrame frame = builder.Build(new GridWindow(pages - 10, 1000, 8), null, SimulationSpeed.RealTime, false, 1);

        Assert.Equal(new GridWindow(pages - 1000, 1000, 8), frame.Grid.Window);
    }

    [Fact]
    public void The_selection_counts_its_pages_per_layer_and_its_free_blocks()
    {
        GuestMachine simulation = TestFrames.SmallSimulation();
        using var builder = new FrameBuilder(simulation);
        int pages = simulation.Kernel.Memory.PageCount;
        int start = pages / 2;

        SimFrame frame = builder.Build(new GridWindow(0, pages, 8), (start, 2048), SimulationSpeed.RealTime, false, 1);

        SelectionDetails details = Assert.IsType<SelectionDetails>(frame.Selection);
        Assert.Equal(2048, Enumerable.Range(0, PageStates.Count).Sum(layer => details.Layers[layer]));
        int freeInBlocks = Enumerable.Range(0, details.FreeBlocksByOrder.Length).Sum(order => details.FreeBlocksByOrder[order] << order);
        Assert.True(freeInBlocks >= details.Count(GridLayer.Free), "every free page lies in a counted free block");
    }

    [Fact]
    public void Events_and_applied_commands_reach_the_next_frame()
    {
        GuestMachine simulation = TestFrames.SmallSimulation();
        using var builder = new FrameBuilder(simulation);
        simulation.Enqueue(new SetPoisoningCommand(PoisonMode.PagePoison, false));
        simulation.Step(1_000_000);

        SimFrame frame = builder.Build(new GridWindow(0, 1024, 4), null, SimulationSpeed.RealTime, false, 1);

        Assert.Equal(PoisonMode.PagePoison, frame.Features.Poison);
        LoggedEvent last = frame.RecentEvents[^1];
        Assert.Equal("command", last.Event.Kind);
        Assert.Contains("PagePoison", last.Event.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void History_takes_one_sample_per_interval_of_simulated_time()
    {
        GuestMachine simulation = TestFrames.SmallSimulation();
        using var builder = new FrameBuilder(simulation);
        for (int i = 0; i < 100; i++)
        {
            simulation.Step(10_000_000);
            builder.RecordHistoryIfDue();
        }

        SimFrame frame = builder.Build(new GridWindow(0, 1024, 4), null, SimulationSpeed.RealTime, false, 1);
        Assert.Equal(5, frame.History.Length);
        Assert.All(frame.History, sample => Assert.True(sample.FreePages > 0));
    }
}
