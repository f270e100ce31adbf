using System.Collections.Immutable;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>
/// Everything the screen shows at one moment, made on the simulation's thread and never changed after: the figures,
/// the grid for the current window, the selection's details, the latest events and the sparkline history.
/// </summary>
public sealed record SimFrame
{
    /// <summary>Counts frames made by the runner, from 1.</summary>
    public required long Number { get; init; }

    /// <summary>Whole-guest figures.</summary>
    public required MemoryCounts Counts { get; init; }

    /// <summary>The grid for the window the UI asked for.</summary>
    public required GridFrame Grid { get; init; }

    /// <summary>The selected run of pages, when the UI selected one.</summary>
    public SelectionDetails? Selection { get; init; }

    /// <summary>Feature settings now.</summary>
    public required FeatureState Features { get; init; }

    /// <summary>The migration, running or last.</summary>
    public required MigrationView Migration { get; init; }

    /// <summary>The latest events, oldest first, with their sequence numbers.</summary>
    public required ImmutableArray<LoggedEvent> RecentEvents { get; init; }

    /// <summary>Sparkline samples, oldest first.</summary>
    public required ImmutableArray<MetricSample> History { get; init; }

    /// <summary>The speed the runner is set to.</summary>
    public required SimulationSpeed Speed { get; init; }

    /// <summary>Whether the runner is paused.</summary>
    public required bool Paused { get; init; }

    /// <summary>Simulated seconds per wall second achieved over the last second (NaN before the first second).</summary>
    public required double AchievedFactor { get; init; }

    /// <summary>The host and all its guests when several share one; null for a guest alone.</summary>
    public HostFrame? Host { get; init; }

    /// <summary>Which guest the frame's grid, figures and events are of (0 for a guest alone).</summary>
    public int Guest { get; init; }

    /// <summary>Two guests side by side (--versus): each one's frame, the first as given, the second with the change.</summary>
    public ImmutableArray<SimFrame> Versus { get; init; } = [];

    /// <summary>The scenario a demo or replay plays, if one.</summary>
    public ScenarioFrame? Scenario { get; init; }
}
