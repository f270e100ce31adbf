using Viz.Simulation.Machine;
using Viz.Simulation.Units;

namespace Viz.Simulation.Scenarios;

/// <summary>How a headless play of a scenario went.</summary>
/// <param name="Steps">The steps that happened, with their checks' outcomes.</param>
/// <param name="Stuck">The step whose condition never held within <see cref="ScenarioTimeline.MaxWaitNs"/>, if one did not.</param>
/// <param name="ElapsedNs">Simulated time run in all.</param>
/// <param name="FinalHash">The final guest's state hash.</param>
/// <param name="Events">Events the final guest published.</param>
public sealed record ScenarioOutcome(IReadOnlyList<FiredStep> Steps, ScenarioStep? Stuck, long ElapsedNs, ulong FinalHash, long Events)
{
    /// <summary>Whether every step happened and every check passed.</summary>
    public bool Passed => Stuck is null && Steps.All(s => s.Passed);
}

/// <summary>Plays a scenario headless: boots its guest and runs its timeline to the end, as fast as it computes.</summary>
public static class ScenarioPlayer
{
    /// <summary>Simulated time run after the last step when the scenario gives no duration: its command takes effect.</summary>
    public const long TailNs = SimDuration.NsPerSecond;

    /// <summary>Plays <paramref name="scenario"/>; <paramref name="progress"/>, if given, hears the simulated time now and then.</summary>
    public static ScenarioOutcome Play(Scenario scenario, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using ScenarioTimeline timeline = scenario.Host is ScenarioHost host
            ? new ScenarioTimeline(scenario, host.Boot())
            : new ScenarioTimeline(scenario, new GuestMachine(scenario.Options), scenario.Versus is { } versus ? new GuestMachine(versus.Options) : null);
        ScenarioStep? stuck = null;
        while (!timeline.Done)
        {
            if (timeline.Pending!.Trigger is WhenTrigger && timeline.WaitedNs >= ScenarioTimeline.MaxWaitNs)
            {
                stuck = timeline.Pending;
                break;
            }

            timeline.Advance(SimDuration.NsPerSecond);
            progress?.Invoke(timeline.ElapsedNs);
        }

        if (stuck is null)
        {
            long rest = scenario.DurationNs is long duration ? Math.Max(0, duration - timeline.ElapsedNs) : 0;
            timeline.Advance(Math.Max(rest, scenario.DurationNs is null ? TailNs : 0));
        }

        GuestMachine machine = timeline.Machine;
        return new ScenarioOutcome(timeline.History, stuck, timeline.ElapsedNs, timeline.StateHash(), machine.Events.Published);
    }
}
