using Viz.Pipeline;
using Viz.Simulation.Machine;

namespace Viz.App.Tui;

/// <summary>How the visualizer starts.</summary>
public sealed record TuiOptions
{
    /// <summary>The guest and its workload (with several guests: the first).</summary>
    public required SimulationOptions Simulation { get; init; }

    /// <summary>Several guests on one host (--guest SPEC, twice or more), or null for one guest alone.</summary>
    public HostSetup? Host { get; init; }

    /// <summary>The speed at start.</summary>
    public SimulationSpeed Speed { get; init; } = SimulationSpeed.RealTime;

    /// <summary>Whether the simulation starts paused.</summary>
    public bool Paused { get; init; }

    /// <summary>The theme at start (a file name in the themes folder, without .json).</summary>
    public string Theme { get; init; } = Themes.ThemeLoader.DefaultName;

    /// <summary>How many colours the terminal shows (--colours, or what the environment says).</summary>
    public Themes.ColourDepth ColourDepth { get; init; } = Themes.ColourDepth.TrueColor;

    /// <summary>What m and M migrate with (--costs).</summary>
    public Viz.Simulation.Migration.MigrationParameters Migration { get; init; } = new();

    /// <summary>The keys (the shipped ones unless the config file's [keys] table rebinds some).</summary>
    public KeyMap Keys { get; init; } = KeyMap.Default;

    /// <summary>A scenario to play (demo, replay); null: none.</summary>
    public Viz.Simulation.Scenarios.Scenario? Scenario { get; init; }

    /// <summary>Whether the scenario waits at each chapter mark for the presenter.</summary>
    public bool StopAtChapters { get; init; }

    /// <summary>
    /// Two guests side by side (--versus, with <see cref="Host"/> holding both): their names, and how a restart's options
    /// become the second guest's; null otherwise.
    /// </summary>
    public (IReadOnlyList<string> Names, Func<SimulationOptions, SimulationOptions> Change)? Versus { get; init; }

    /// <summary>Records the session (--record); null: not recorded.</summary>
    public Viz.Pipeline.SessionRecorder? Recorder { get; init; }

    /// <summary>Reads an environment variable (TERM); the process environment unless a test gives another.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where the theme files are.</summary>
    public string ThemesFolder { get; init; } = Themes.ThemeLoader.DefaultFolder;
}

/// <summary>Several guests on one host for the visualizer.</summary>
/// <param name="Options">The host's memory and swap.</param>
/// <param name="Guests">The guests.</param>
/// <param name="Names">Their names.</param>
/// <param name="Policy">Who sets their balloons.</param>
public sealed record HostSetup(Viz.Simulation.Host.HostOptions Options, IReadOnlyList<SimulationOptions> Guests, IReadOnlyList<string> Names, BalloonPolicy Policy);
