using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.Simulation.Scenarios;

/// <summary>When a step happens: at a simulated time, some time after the step before, or on a condition.</summary>
public abstract record ScenarioTrigger;

/// <summary>At a simulated time since the guest booted (the latest boot, after a restart).</summary>
/// <param name="TimeNs">The time.</param>
public sealed record AtTrigger(long TimeNs) : ScenarioTrigger;

/// <summary>A while after the step before it happened.</summary>
/// <param name="DelayNs">How long after.</param>
public sealed record AfterTrigger(long DelayNs) : ScenarioTrigger;

/// <summary>On a condition, checked every <see cref="ScenarioTimeline.CheckIntervalNs"/> once the step before has happened.</summary>
/// <param name="Condition">The condition.</param>
public sealed record WhenTrigger(ScenarioCondition Condition) : ScenarioTrigger;

/// <summary>Something a step can wait for.</summary>
/// <param name="Text">As written.</param>
public abstract record ScenarioCondition(string Text)
{
    /// <summary>Whether it holds now; <paramref name="since"/> is what had happened when the step began to wait.</summary>
    public abstract bool Holds(ScenarioState state, ScenarioProgress since);
}

/// <summary>What had happened by a moment, for conditions on what happens next.</summary>
/// <param name="MigrationsStarted">Migrations started (counted across restarts).</param>
/// <param name="MigrationsEnded">Migrations ended, however.</param>
/// <param name="MigrationsCompleted">Migrations completed.</param>
/// <param name="PhasesEntered">Workload phases entered.</param>
public sealed record ScenarioProgress(int MigrationsStarted, int MigrationsEnded, int MigrationsCompleted, int PhasesEntered);

/// <summary>What a migration condition waits for.</summary>
public enum MigrationMoment
{
    /// <summary>The next migration starts.</summary>
    Started,

    /// <summary>The next migration completes.</summary>
    Completed,

    /// <summary>The next migration ends: completed, cancelled or not converged.</summary>
    Ended,
}

/// <summary>The next migration starts, completes or ends after the step began to wait.</summary>
/// <param name="Moment">Which moment.</param>
/// <param name="Text">As written.</param>
public sealed record MigrationCondition(MigrationMoment Moment, string Text) : ScenarioCondition(Text)
{
    /// <inheritdoc/>
    public override bool Holds(ScenarioState state, ScenarioProgress since)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(since);
        ScenarioProgress now = state.Progress;
        return Moment switch
        {
            MigrationMoment.Started => now.MigrationsStarted > since.MigrationsStarted,
            MigrationMoment.Completed => now.MigrationsCompleted > since.MigrationsCompleted,
            _ => now.MigrationsEnded > since.MigrationsEnded,
        };
    }
}

/// <summary>
/// The workload is in a phase, or has entered it since the step began to wait (its name starts so: "freeing", "idle",
/// "done"), so that a phase shorter than a check is not missed.
/// </summary>
/// <param name="Phase">The phase.</param>
/// <param name="Text">As written.</param>
public sealed record PhaseCondition(string Phase, string Text) : ScenarioCondition(Text)
{
    /// <inheritdoc/>
    public override bool Holds(ScenarioState state, ScenarioProgress since)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(since);
        return state.Machine.Workload.Phase.StartsWith(Phase, StringComparison.Ordinal)
            || state.Phases.Skip(since.PhasesEntered).Any(p => p.StartsWith(Phase, StringComparison.Ordinal));
    }
}

/// <summary>A figure passes a check: <c>host-rss &lt; 1.5GiB</c>.</summary>
/// <param name="Check">The check.</param>
public sealed record FigureCondition(ScenarioCheck Check) : ScenarioCondition(Check.Text)
{
    /// <inheritdoc/>
    public override bool Holds(ScenarioState state, ScenarioProgress since) => Check.Evaluate(state).Passed;
}

/// <summary>
/// One step of a scenario's timeline: when, what it does, what the audience reads, where a chapter starts, and what it
/// expects. Every part but the trigger may be left out.
/// </summary>
/// <param name="Line">Where the step is in its file (1-based), for messages.</param>
/// <param name="Trigger">When it happens.</param>
/// <param name="Action">What it does, if anything.</param>
/// <param name="Caption">The caption shown from this step on, if any.</param>
/// <param name="Chapter">The chapter this step starts, if any: a demo waits at it for the presenter.</param>
/// <param name="Expect">A check made when the step happens, if any.</param>
public sealed record ScenarioStep(int Line, ScenarioTrigger Trigger, ScenarioAction? Action = null, string? Caption = null, string? Chapter = null, ScenarioCheck? Expect = null);

/// <summary>A scenario: a guest, its migration parameters and a timeline of steps.</summary>
/// <param name="Title">Its title.</param>
/// <param name="Description">One line on what it shows.</param>
/// <param name="Options">The guest it boots.</param>
/// <param name="Migration">The parameters migrate and ping-pong steps use.</param>
/// <param name="Steps">The timeline, in order.</param>
/// <param name="DurationNs">How long it runs at least (simulated); null: until its last step, and a second more.</param>
/// <param name="ExpectedHash">For a recording: the final state hash the session ended with.</param>
/// <param name="Versus">Side by side: the second guest, the same with one option changed, that every step acts on too.</param>
/// <param name="Host">Several guests on one host: the host and its guests, every step acting on all of them.</param>
public sealed record Scenario(
    string Title, string Description, SimulationOptions Options, MigrationParameters Migration, IReadOnlyList<ScenarioStep> Steps,
    long? DurationNs = null, ulong? ExpectedHash = null, VersusGuest? Versus = null, ScenarioHost? Host = null);

/// <summary>Several guests sharing one host's memory and swap: the host's options, the guests' and their names.</summary>
/// <param name="Options">The host.</param>
/// <param name="Guests">Each guest's options; the first is the one the scenario's figures are of.</param>
/// <param name="Names">Each guest's name.</param>
public sealed record ScenarioHost(Host.HostOptions Options, IReadOnlyList<SimulationOptions> Guests, IReadOnlyList<string> Names)
{
    /// <summary>The host machine, its guests booted.</summary>
    public HostMachine Boot() => new(Options, Guests, BalloonPolicy.None, Names);
}

/// <summary>
/// The second guest of a scenario side by side: its name (the option changed, e.g. "hinting=on"), its options, and
/// how a restart's options become its own.
/// </summary>
/// <param name="Name">The change, as written.</param>
/// <param name="Options">The second guest's options.</param>
/// <param name="Change">A restart's options for the first guest made the second's.</param>
/// <param name="FirstName">The first guest's name: the option with its own value.</param>
public sealed record VersusGuest(string Name, SimulationOptions Options, Func<SimulationOptions, SimulationOptions> Change, string FirstName);
