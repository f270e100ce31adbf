using Microsoft.Extensions.Time.Testing;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.Pipeline.Tests;

/// <summary>A scenario in the visualizer's loop: the same run as headless, chapter marks, slow motion, recordings.</summary>
public sealed class ScenarioLoopTests
{
    private const long S = SimDuration.NsPerSecond;
    private static readonly SimulationOptions Guest = new() { Guest = new GuestOptions { MemoryBytes = 256L << 20 } };
    private readonly FakeTimeProvider _time = new();

    private static Scenario Headline() => new(
        "t",
        string.Empty,
        Guest,
        new MigrationParameters(),
        [
            new ScenarioStep(1, new AtTrigger(S), Chapter: "one", Caption: "first"),
            new ScenarioStep(2, new AfterTrigger(S), new CommandAction(new StartMigrationCommand(new MigrationParameters()), "migrate"), Chapter: "two"),
            new ScenarioStep(3, new WhenTrigger(new MigrationCondition(MigrationMoment.Completed, "migration-completed")), new CommandAction(new SetDeviceFeatureCommand(DeviceFeature.FreePageHint, true), "hinting on"), Caption: "done"),
            new ScenarioStep(4, new AfterTrigger(S / 2), new CommandAction(new StartMigrationCommand(new MigrationParameters()), "migrate")),
        ],
        DurationNs: 12 * S);

    private SimulationLoop Loop(Scenario scenario, bool stops, out List<SimFrame> frames)
    {
        var loop = new SimulationLoop(new GuestMachine(scenario.Options), new RunnerOptions { Time = _time, Speed = new SimulationSpeed(100), Scenario = scenario, StopAtChapters = stops });
        List<SimFrame> seen = [];
        loop.Frames.Subscribe(seen.Add);
        frames = seen;
        return loop;
    }

    /// <summary>Frames of uneven wall time, slow motion during each first pass: the run is the headless play's.</summary>
    [Fact]
    public void A_scenario_in_the_loop_ends_in_the_state_its_headless_play_ends_in()
    {
        Scenario scenario = Headline();
        ulong headless = ScenarioPlayer.Play(scenario).FinalHash;
        using SimulationLoop loop = Loop(scenario with { ExpectedHash = headless }, stops: false, out List<SimFrame> frames);
        var rng = new Random(7);
        for (int i = 0; i < 20_000 && frames.LastOrDefault()?.Scenario?.HashMatches is null; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(rng.Next(1, 60)));
            loop.RunOnce();
        }

        ScenarioFrame end = frames[^1].Scenario!;
        Assert.True(end.HashMatches);
        Assert.True(end.Done);
        Assert.Equal("done", end.Caption);
        Assert.Contains(frames, f => f.Scenario!.SlowMotion && f.Speed.Factor == ScenarioDirector.SlowMotionFactor);
    }

    [Fact]
    public void At_a_chapter_mark_time_stands_still_until_the_presenter_goes_on()
    {
        using SimulationLoop loop = Loop(Headline(), stops: true, out List<SimFrame> frames);
        for (int i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            loop.RunOnce();
        }

        SimFrame waiting = frames[^1];
        Assert.True(waiting.Scenario!.WaitingAtChapter);
        Assert.Equal("two", waiting.Scenario.NextChapter);
        Assert.Equal(2 * S, waiting.Counts.TimeNs);
        Assert.Null(loop.RunOnce());

        loop.ContinueScenario();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        loop.RunOnce();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        loop.RunOnce();

        Assert.False(frames[^1].Scenario!.WaitingAtChapter);
        Assert.Equal("two", frames[^1].Scenario!.Chapter);
        Assert.True(frames[^1].Counts.TimeNs > 2 * S);
        Assert.Equal(1, frames[^1].Migration.Number);
        Assert.True(frames[^1].Scenario!.SlowMotion);
    }

    [Fact]
    public void A_recorder_sees_each_command_at_the_simulated_time_the_guest_applied_it_and_each_restart()
    {
        using var recorder = new SessionRecorder();
        using var loop = new SimulationLoop(new GuestMachine(Guest), new RunnerOptions { Time = _time, Recorder = recorder });
        _time.Advance(TimeSpan.FromMilliseconds(730));
        loop.RunOnce();
        long posted = recorder.Machine!.NowNs;
        loop.Post(new SetBalloonTargetCommand(32L << 20));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        loop.RunOnce();
        loop.Restart(Guest with { Guest = Guest.Guest with { MemoryBytes = 128L << 20 } });
        _time.Advance(TimeSpan.FromMilliseconds(20));
        loop.RunOnce();

        RecordedStep[] steps = [.. recorder.Steps];
        Assert.Equal(new SetBalloonTargetCommand(32L << 20), steps[0].Command);
        Assert.True(posted > 0);
        Assert.Equal(posted, steps[0].TimeNs);
        Assert.Equal(128L << 20, steps[1].Restart!.Guest.MemoryBytes);
        Assert.Equal(128L << 20, recorder.Machine.Options.Guest.MemoryBytes);
        Assert.Equal(steps[1].TimeNs + recorder.Machine.NowNs, recorder.ElapsedNs);
    }

    /// <summary>--versus: one command reaches both guests at the same moment; each frame carries both guests.</summary>
    [Fact]
    public void Side_by_side_every_command_reaches_both_guests_at_the_same_moment()
    {
        SimulationOptions hinted = Guest with { Device = Guest.Device with { FreePageHint = true } };
        var host = new HostMachine(new Viz.Simulation.Host.HostOptions(), [Guest, hinted]);
        var applied = new List<(int Guest, long TimeNs)>();
        for (int g = 0; g < 2; g++)
        {
            int guest = g;
            host.Guests[g].Events.Subscribe(e =>
            {
                if (e is CommandApplied)
                {
                    applied.Add((guest, e.TimeNs));
                }
            });
        }

        using var loop = new SimulationLoop(host, new RunnerOptions { Time = _time, Versus = options => options with { Device = options.Device with { FreePageHint = true } } });
        List<SimFrame> frames = [];
        loop.Frames.Subscribe(frames.Add);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        loop.RunOnce();
        loop.Post(new StartMigrationCommand(new MigrationParameters()));
        for (int i = 0; i < 40; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            loop.RunOnce();
        }

        Assert.Equal([0, 1], applied.Select(a => a.Guest).Order());
        Assert.Equal(applied[0].TimeNs, applied[1].TimeNs);
        SimFrame last = frames[^1];
        Assert.Equal(2, last.Versus.Length);
        Assert.False(last.Versus[0].Migration.Last!.Hinting);
        Assert.True(last.Versus[1].Migration.Last!.Hinting);
        Assert.True(last.Versus[1].Migration.Last!.TotalTimeNs < last.Versus[0].Migration.Last!.TotalTimeNs);

        loop.Restart(Guest with { Guest = Guest.Guest with { MemoryBytes = 128L << 20 } });
        _time.Advance(TimeSpan.FromMilliseconds(100));
        loop.RunOnce();
        Assert.Equal(32768, frames[^1].Versus[1].Counts.TotalPages);
        Assert.True(frames[^1].Versus[1].Features.Device.FreePageHint);
        Assert.False(frames[^1].Versus[0].Features.Device.FreePageHint);
    }

    /// <summary>A page reporting pass lasts milliseconds: the moment around it is slowed so that it can be seen.</summary>
    [Fact]
    public void A_reporting_pass_brings_slow_motion_for_a_moment()
    {
        SimulationOptions reporting = Guest with { Device = Guest.Device with { FreePageReporting = true } };
        Scenario scenario = new("t", string.Empty, reporting, new MigrationParameters(), [new ScenarioStep(1, new AtTrigger(30 * S))]);
        using var director = new ScenarioDirector(scenario, new GuestMachine(reporting), stopAtChapters: false);
        long slowNs = 0;
        for (int i = 0; i < 1000; i++)
        {
            director.Step(10 * SimDuration.NsPerMs);
            if (director.SlowMotion)
            {
                slowNs += 10 * SimDuration.NsPerMs;
                Assert.Equal(ScenarioDirector.SlowMotionFactor, director.SpeedFor(new SimulationSpeed(100)).Factor);
            }
        }

        Assert.InRange(slowNs, ScenarioDirector.ReportingSlowMotionNs, 10 * S / 2);
    }

    /// <summary>A scenario side by side in the loop: both guests' frames, a key press to both, the headless play's run.</summary>
    [Fact]
    public void A_scenario_side_by_side_runs_both_guests_in_the_loop_as_headless()
    {
        SimulationOptions hinted = Guest with { Device = Guest.Device with { FreePageHint = true } };
        Scenario scenario = Headline() with
        {
            Versus = new VersusGuest("hinting=on", hinted, options => options with { Device = options.Device with { FreePageHint = true } }, "hinting=off"),
        };
        ulong headless = ScenarioPlayer.Play(scenario).FinalHash;
        using var loop = new SimulationLoop(new GuestMachine(scenario.Options), new RunnerOptions
        {
            Time = _time, Speed = new SimulationSpeed(100), Scenario = scenario with { ExpectedHash = headless }, Versus = scenario.Versus!.Change,
        });
        List<SimFrame> frames = [];
        loop.Frames.Subscribe(frames.Add);
        for (int i = 0; i < 20_000 && frames.LastOrDefault()?.Scenario?.HashMatches is null; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(37));
            loop.RunOnce();
        }

        Assert.True(frames[^1].Scenario!.HashMatches);
        Assert.Equal(2, frames[^1].Versus.Length);
        Assert.True(frames[^1].Versus[1].Features.Device.FreePageHint);
        Assert.Equal(2, frames[^1].Versus[1].Migration.Number);
    }
}
