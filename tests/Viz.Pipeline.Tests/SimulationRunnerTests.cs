using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;

namespace Viz.Pipeline.Tests;

public class SimulationRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_paused_runner_applies_a_command_and_publishes_a_frame_without_moving_time()
    {
        using var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Paused = true, Window = new GridWindow(0, 1024, 8) });
        Task<SimFrame> poisoned = runner.Frames.FirstAsync(f => f.Features.Poison == PoisonMode.PagePoison).Timeout(Patience).ToTask();
        runner.Start();

        runner.Post(new SetPoisoningCommand(PoisonMode.PagePoison, false));

        SimFrame frame = await poisoned;
        Assert.True(frame.Paused);
        Assert.Equal(0, frame.Counts.TimeNs);
    }

    [Fact]
    public async Task A_running_runner_moves_virtual_time_and_honours_the_window_it_is_shown()
    {
        using var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Speed = SimulationSpeed.FlatOut });
        Task<SimFrame> later = runner.Frames.FirstAsync(f => f.Counts.TimeNs > 1_000_000_000 && f.Grid.Window.Cells == 32).Timeout(Patience).ToTask();
        runner.Start();
        runner.ShowWindow(new GridWindow(0, 4096, 32));

        SimFrame frame = await later;
        Assert.False(frame.Paused);
        Assert.Equal(32, frame.Grid.States.Length);
    }

    [Fact]
    public async Task Stopping_completes_the_frames()
    {
        var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Paused = true });
        Task<int> count = runner.Frames.Count().Timeout(Patience).ToTask();
        runner.Start();
        runner.Dispose();
        Assert.True(await count >= 0);
    }

    [Fact]
    public void Speed_and_pause_requests_are_visible_at_once()
    {
        using var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Paused = true });
        runner.SetSpeed(new SimulationSpeed(4));
        runner.SetPaused(false);
        Assert.Equal(new SimulationSpeed(4), runner.Speed);
        Assert.False(runner.Paused);
    }
}
