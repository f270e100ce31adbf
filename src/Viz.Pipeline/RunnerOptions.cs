using Viz.Simulation.Machine;

namespace Viz.Pipeline;

/// <summary>How a <see cref="SimulationRunner"/> starts and how often it makes frames.</summary>
public sealed record RunnerOptions
{
    /// <summary>The speed at start.</summary>
    public SimulationSpeed Speed { get; init; } = SimulationSpeed.RealTime;

    /// <summary>Whether the runner starts paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Wall time between frames while running: 30 a second by default, what a screen draws at most.</summary>
    public TimeSpan FrameInterval { get; init; } = FramePipeline.ScreenInterval;

    /// <summary>The grid window of the first frames.</summary>
    public GridWindow Window { get; init; } = new(0, 1, 1);

    /// <summary>The wall clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A scenario the visualizer plays (a demo or a replay), if one (one guest only).</summary>
    public Viz.Simulation.Scenarios.Scenario? Scenario { get; init; }

    /// <summary>Whether the scenario waits at each chapter mark for the presenter.</summary>
    public bool StopAtChapters { get; init; }

    /// <summary>
    /// Two guests side by side (--versus), on a host of two guests: every command goes to both, and a restart boots the
    /// second with this change of the first's options. Null: the guests are separate, commands go to the one shown.
    /// </summary>
    public Func<SimulationOptions, SimulationOptions>? Versus { get; init; }

    /// <summary>Where the session is recorded, if it is (one guest only).</summary>
    public SessionRecorder? Recorder { get; init; }
}
