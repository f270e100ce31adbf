using Microsoft.Extensions.Time.Testing;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Pipeline.Tests;

/// <summary>The loop's pacing on virtual wall time: no threads, no waiting.</summary>
public sealed class SimulationLoopTests
{
    private readonly FakeTimeProvider _time = new();

    private SimulationLoop Loop(RunnerOptions options, out List<SimFrame> frames)
    {
        var loop = new SimulationLoop(TestFrames.SmallSimulation(), options with { Time = _time });
        List<SimFrame> seen = [];
        loop.Frames.Subscribe(seen.Add);
        frames = seen;
        return loop;
    }

    [Fact]
    public void A_paused_loop_applies_a_command_and_publishes_a_frame_without_moving_time()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Paused = true, Window = new GridWindow(0, 1024, 8) }, out List<SimFrame> frames);
        Assert.Null(loop.RunOnce());
        loop.Post(new SetPoisoningCommand(PoisonMode.PagePoison, false));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(loop.RunOnce());

        SimFrame frame = frames[^1];
        Assert.Equal(PoisonMode.PagePoison, frame.Features.Poison);
        Assert.True(frame.Paused);
        Assert.Equal(0, frame.Counts.TimeNs);
    }

    [Fact]
    public void A_paused_loop_publishes_nothing_until_asked()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Paused = true }, out List<SimFrame> frames);
        loop.RunOnce();
        int first = frames.Count;

        _time.Advance(TimeSpan.FromSeconds(1));
        loop.RunOnce();

        Assert.Equal(first, frames.Count);
    }

    [Fact]
    public void At_real_time_the_guest_advances_by_the_wall_time_that_passed_and_the_loop_waits_out_the_frame()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Speed = SimulationSpeed.RealTime }, out List<SimFrame> frames);
        loop.RunOnce();
        _time.Advance(TimeSpan.FromMilliseconds(30));

        TimeSpan? wait = loop.RunOnce();

        Assert.Equal(30 * SimDuration.NsPerMs, frames[^1].Counts.TimeNs);
        Assert.Equal(FramePipeline.ScreenInterval, wait);
    }

    [Fact]
    public void At_ten_times_real_time_a_tenth_of_a_second_moves_the_guest_a_second()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Speed = new SimulationSpeed(10) }, out List<SimFrame> frames);
        loop.RunOnce();
        for (int i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            loop.RunOnce();
        }

        Assert.Equal(SimDuration.NsPerSecond, frames[^1].Counts.TimeNs);
    }

    [Fact]
    public void A_long_stall_counts_only_as_the_catch_up_limit()
    {
        using SimulationLoop loop = Loop(new RunnerOptions(), out List<SimFrame> frames);
        loop.RunOnce();
        _time.Advance(TimeSpan.FromMinutes(1));

        loop.RunOnce();

        Assert.Equal(VirtualClock.MaxCatchUp.Ticks * 100, frames[^1].Counts.TimeNs);
    }

    [Fact]
    public void Flat_out_steps_in_chunks_and_asks_for_no_wait()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Speed = SimulationSpeed.FlatOut }, out List<SimFrame> frames);

        // Every clock read moves the fake clock on, so the pass ends after a frame's worth of wall time.
        _time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(10);

        TimeSpan? wait = loop.RunOnce();

        Assert.Equal(TimeSpan.Zero, wait);
        Assert.True(frames[^1].Counts.TimeNs >= SimulationLoop.FlatOutChunkNs);
        Assert.Equal(0, frames[^1].Counts.TimeNs % SimulationLoop.FlatOutChunkNs);
    }

    [Fact]
    public void The_loop_honours_the_window_it_is_shown()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Paused = true }, out List<SimFrame> frames);
        loop.ShowWindow(new GridWindow(0, 4096, 32));

        loop.RunOnce();

        Assert.Equal(32, frames[^1].Grid.States.Length);
    }

    [Fact]
    public void Speed_and_pause_requests_are_visible_at_once()
    {
        using SimulationLoop loop = Loop(new RunnerOptions { Paused = true }, out _);
        loop.SetSpeed(new SimulationSpeed(4));
        loop.SetPaused(false);
        Assert.Equal(new SimulationSpeed(4), loop.Speed);
        Assert.False(loop.Paused);
    }

    [Fact]
    public void Disposing_completes_the_frames()
    {
        SimulationLoop loop = Loop(new RunnerOptions { Paused = true }, out _);
        bool completed = false;
        loop.Frames.Subscribe(_ => { }, () => completed = true);

        loop.Dispose();

        Assert.True(completed);
    }
}
