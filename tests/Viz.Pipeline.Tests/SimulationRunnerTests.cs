using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;

namespace Viz.Pipeline.Tests;

/// <summary>The thread around the loop: it runs, wakes on requests and stops. Pacing is tested on virtual time in <see cref="SimulationLoopTests"/>.</summary>
public class SimulationRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_paused_runner_wakes_for_a_command_and_publishes_a_frame()
    {
        using var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Paused = true, Window = new GridWindow(0, 1024, 8) });
        var poisoned = new TaskCompletionSource<SimFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable subscription = runner.Frames.Where(f => f.Features.Poison == PoisonMode.PagePoison).Subscribe(f => poisoned.TrySetResult(f));
        runner.Start();

        runner.Post(new SetPoisoningCommand(PoisonMode.PagePoison, false));

        SimFrame frame = await poisoned.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(frame.Paused);
        Assert.Equal(0, frame.Counts.TimeNs);
    }

    [Fact]
    public async Task Stopping_completes_the_frames()
    {
        var runner = new SimulationRunner(TestFrames.SmallSimulation(), new RunnerOptions { Paused = true });
        Task<int> count = runner.Frames.Count().ToTask();
        runner.Start();
        runner.Dispose();
        Assert.True(await count.WaitAsync(Patience, TestContext.Current.CancellationToken) >= 0);
    }
}
