using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Scenarios;

/// <summary>A scenario's timeline: each step at its moment, whatever the steps the caller advances time in.</summary>
public sealed class ScenarioTimelineTests
{
    private const long S = SimDuration.NsPerSecond;
    private static readonly SimulationOptions Guest = new() { Guest = new GuestOptions { MemoryBytes = 256L << 20 } };

    private static Scenario Of(params ScenarioStep[] steps) => new("test", string.Empty, Guest, new MigrationParameters(), steps);

    private static ScenarioStep Step(ScenarioTrigger trigger, ISimCommand? command = null, string? chapter = null, string? expect = null)
    {
        ScenarioCheck? check = null;
        if (expect is not null)
        {
            Assert.True(ScenarioCheck.TryParse(expect, out check, out string error), error);
        }

        return new ScenarioStep(1, trigger, command is null ? null : new CommandAction(command, command.ToString()!), Chapter: chapter, Expect: check);
    }

    private static List<CommandApplied> Applied(GuestMachine machine, List<CommandApplied> into)
    {
        machine.Events.Subscribe(e =>
        {
            if (e is CommandApplied applied)
            {
                into.Add(applied);
            }
        });
        return into;
    }

    [Fact]
    public void A_step_at_a_time_and_a_step_after_it_apply_their_commands_at_those_times_exactly()
    {
        var machine = new GuestMachine(Guest);
        List<CommandApplied> applied = Applied(machine, []);
        using var timeline = new ScenarioTimeline(Of(
            Step(new AtTrigger(1_234_567_891), new SetBalloonTargetCommand(16L << 20)),
            Step(new AfterTrigger(250_000_001), new SetBalloonTargetCommand(0))), machine);

        timeline.Advance(3 * S);

        Assert.Equal([1_234_567_891L, 1_484_567_892L], applied.Select(a => a.TimeNs));
        Assert.Equal([1_234_567_891L, 1_484_567_892L], timeline.History.Select(h => h.TimeNs));
        Assert.True(timeline.Done);
    }

    [Fact]
    public void A_step_on_a_condition_happens_at_the_first_check_after_it_holds()
    {
        var machine = new GuestMachine(Guest);
        long? endedAt = null;
        machine.Events.Subscribe(e => endedAt = e is MigrationEnded ended ? ended.TimeNs : endedAt);
        using var timeline = new ScenarioTimeline(Of(
            Step(new AtTrigger(S / 2), new StartMigrationCommand(new MigrationParameters())),
            Step(new WhenTrigger(new MigrationCondition(MigrationMoment.Completed, "migration-completed")), expect: "migrations == 1")), machine);

        timeline.Advance(10 * S);

        FiredStep when = timeline.History[1];
        Assert.NotNull(endedAt);
        Assert.Equal(0, when.TimeNs % ScenarioTimeline.CheckIntervalNs);
        Assert.InRange(when.TimeNs - endedAt!.Value, 0, ScenarioTimeline.CheckIntervalNs - 1);
        Assert.True(when.Passed);
        Assert.Equal(1, when.Actual);
    }

    /// <summary>The visualizer advances by frames of any length, the player by seconds: the run is the same.</summary>
    [Theory]
    [InlineData(37_000_000L)]
    [InlineData(1_000_000_000L)]
    [InlineData(3_333_333_333L)]
    public void Advancing_in_any_steps_gives_the_same_run(long chunk)
    {
        Scenario scenario = Of(
            Step(new AtTrigger(S), new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Hog, 64L << 20))),
            Step(new WhenTrigger(new PhaseCondition("freeing", "phase freeing")), new StartMigrationCommand(new MigrationParameters())),
            Step(new WhenTrigger(new MigrationCondition(MigrationMoment.Ended, "migration-ended"))),
            Step(new AfterTrigger(S / 3), new SetDeviceFeatureCommand(DeviceFeature.FreePageReporting, true)));
        ulong Run(long step)
        {
            using var timeline = new ScenarioTimeline(scenario, new GuestMachine(Guest));
            while (timeline.ElapsedNs < 20 * S)
            {
                timeline.Advance(Math.Min(step, (20 * S) - timeline.ElapsedNs));
            }

            Assert.True(timeline.Done);
            return timeline.Machine.StateHash();
        }

        Assert.Equal(Run(100_000_000), Run(chunk));
    }

    [Fact]
    public void Advance_stops_before_a_step_it_is_told_to_and_goes_on_from_there()
    {
        using var timeline = new ScenarioTimeline(Of(Step(new AtTrigger(S)), Step(new AfterTrigger(S), chapter: "two"), Step(new AfterTrigger(S))), new GuestMachine(Guest));

        IReadOnlyList<FiredStep> first = timeline.Advance(10 * S, step => step.Chapter is not null);

        Assert.Single(first);
        Assert.Equal(2 * S, timeline.Machine.NowNs);
        Assert.Equal("two", timeline.Pending!.Chapter);
        IReadOnlyList<FiredStep> rest = timeline.Advance(2 * S);
        Assert.Equal(2, rest.Count);
        Assert.Equal([S, 2 * S, 3 * S], timeline.History.Select(h => h.TimeNs));
    }

    [Fact]
    public void A_restart_boots_a_new_guest_and_the_migrations_before_it_still_count()
    {
        SimulationOptions bigger = Guest with { Guest = Guest.Guest with { MemoryBytes = 512L << 20 } };
        using var timeline = new ScenarioTimeline(Of(
            Step(new AtTrigger(S / 2), new StartMigrationCommand(new MigrationParameters())),
            Step(new WhenTrigger(new MigrationCondition(MigrationMoment.Completed, "migration-completed"))),
            new ScenarioStep(1, new AfterTrigger(S), new RestartAction(bigger, "restart memory=512MiB")),
            Step(new AtTrigger(S), expect: "migrations == 1")), new GuestMachine(Guest));

        timeline.Advance(20 * S);

        Assert.Equal(512L << 20, timeline.Machine.Options.Guest.MemoryBytes);
        Assert.True(timeline.History[^1].Passed);
        Assert.Equal(S, timeline.History[^1].TimeNs);
    }

    [Fact]
    public void The_player_says_which_step_never_happened()
    {
        Scenario scenario = Of(Step(new WhenTrigger(new MigrationCondition(MigrationMoment.Completed, "migration-completed"))));

        ScenarioOutcome outcome = ScenarioPlayer.Play(scenario);

        Assert.False(outcome.Passed);
        Assert.Same(scenario.Steps[0], outcome.Stuck);
        Assert.InRange(outcome.ElapsedNs, ScenarioTimeline.MaxWaitNs, ScenarioTimeline.MaxWaitNs + S);
    }

    [Theory]
    [InlineData("host-rss < 1.5GiB", "host-rss", Comparison.Below, 1.5 * (1L << 30))]
    [InlineData("hinting-ratio<=0.3", "hinting-ratio", Comparison.AtMost, 0.3)]
    [InlineData("migration-ms > 2s", "migration-ms", Comparison.Above, 2000.0)]
    [InlineData("downtime-ms >= 300", "downtime-ms", Comparison.AtLeast, 300.0)]
    [InlineData("mismatched-pages == 0", "mismatched-pages", Comparison.Equal, 0.0)]
    public void A_check_is_a_figure_an_operator_and_a_value_in_the_figures_unit(string text, string figure, Comparison comparison, double value)
    {
        Assert.True(ScenarioCheck.TryParse(text, out ScenarioCheck? check, out string error), error);

        Assert.Equal(figure, check!.Figure.Name);
        Assert.Equal(comparison, check.Comparison);
        Assert.Equal(value, check.Value, 6);
    }

    [Theory]
    [InlineData("host-rss", "is not a check")]
    [InlineData("rss < 1GiB", "no figure 'rss'")]
    [InlineData("host-rss < lots", "host-rss: ")]
    [InlineData("hinting-ratio < x", "'x' is not a number")]
    public void A_bad_check_says_what_is_wrong(string text, string problem)
    {
        Assert.False(ScenarioCheck.TryParse(text, out _, out string error));
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Changing the poisoning is a reboot: the new boot's struct pages carry no PG_reported, so page reporting reports
    /// the free memory anew (and, with poisoning off, the host discards it), where the old flags would have kept it
    /// from ever being reported again.
    /// </summary>
    [Fact]
    public void A_poisoning_reboot_clears_the_reported_flags_and_reporting_reports_again()
    {
        var machine = new GuestMachine(Guest with { Device = Guest.Device with { FreePageReporting = true } });
        machine.Step(10 * S);
        Assert.True(machine.Counts().Reported > 0);

        machine.Enqueue(new SetPoisoningCommand(Viz.Simulation.Memory.PoisonMode.PagePoison, InitOnAlloc: false));
        machine.Step(0);
        Assert.Equal(0, machine.Counts().Reported);

        machine.Step(10 * S);
        Assert.True(machine.Counts().Reported > 0);
    }

    /// <summary>Side by side: every command reaches both guests at once, and a step after a migration waits for both.</summary>
    [Fact]
    public void Side_by_side_both_guests_take_each_command_and_a_condition_waits_for_both()
    {
        SimulationOptions hinted = Guest with { Device = Guest.Device with { FreePageHint = true } };
        Scenario scenario = Of(
            Step(new AtTrigger(S), new StartMigrationCommand(new MigrationParameters())),
            Step(new WhenTrigger(new MigrationCondition(MigrationMoment.Completed, "migration-completed")), expect: "B.hinting-migration-ms < 1000000")) with
        {
            Versus = new VersusGuest("hinting=on", hinted, options => options with { Device = options.Device with { FreePageHint = true } }, "hinting=off"),
        };
        var first = new GuestMachine(Guest);
        var second = new GuestMachine(hinted);
        List<CommandApplied> applied = Applied(first, []);
        Applied(second, applied);
        long? lastEnd = null;
        foreach (GuestMachine guest in new[] { first, second })
        {
            guest.Events.Subscribe(e => lastEnd = e is MigrationEnded ended ? Math.Max(lastEnd ?? 0, ended.TimeNs) : lastEnd);
        }

        using var timeline = new ScenarioTimeline(scenario, first, second);
        timeline.Advance(10 * S);

        Assert.Equal([S, S], applied.Select(a => a.TimeNs));
        FiredStep after = timeline.History[1];
        Assert.True(after.Passed);
        Assert.InRange(after.TimeNs - lastEnd!.Value, 0, ScenarioTimeline.CheckIntervalNs - 1);
        Assert.True(first.Migration!.Result!.TotalTimeNs > second.Migration!.Result!.TotalTimeNs);
    }

    /// <summary>Several guests on one host: a command for one guest reaches it alone, one for all reaches each at once.</summary>
    [Fact]
    public void On_a_host_of_several_guests_a_step_acts_on_the_guest_it_names_or_on_all()
    {
        var host = new ScenarioHost(new Viz.Simulation.Host.HostOptions { CapacityBytes = 512L << 20 }, [Guest, Guest, Guest], ["a", "b", "c"]);
        Scenario scenario = Of(
            new ScenarioStep(1, new AtTrigger(S), new CommandAction(new SetBalloonTargetCommand(32L << 20), "b: balloon 32MiB", Guest: 1)),
            new ScenarioStep(2, new AtTrigger(2 * S), new CommandAction(new SetDeviceFeatureCommand(DeviceFeature.FreePageReporting, true), "reporting on")),
            Step(new AfterTrigger(S), expect: "host-used < 512MiB")) with { Host = host };
        HostMachine machines = host.Boot();
        var applied = new List<(int Guest, long TimeNs)>();
        for (int g = 0; g < 3; g++)
        {
            int guest = g;
            machines.Guests[g].Events.Subscribe(e =>
            {
                if (e is CommandApplied)
                {
                    applied.Add((guest, e.TimeNs));
                }
            });
        }

        using var timeline = new ScenarioTimeline(scenario, machines);
        timeline.Advance(5 * S);

        Assert.Equal([(1, S), (0, 2 * S), (1, 2 * S), (2, 2 * S)], applied.OrderBy(a => a.TimeNs).ThenBy(a => a.Guest));
        Assert.True(timeline.History[^1].Passed);
        Assert.Equal(machines.StateHash(), timeline.StateHash());
    }
}
