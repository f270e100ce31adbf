using Viz.Simulation.Machine;

namespace Viz.Simulation.Scenarios;

/// <summary>What one step of a scenario does; <see cref="Text"/> is how the scenario file writes it.</summary>
/// <param name="Text">The step's command as written.</param>
public abstract record ScenarioAction(string Text);

/// <summary>A command for the guest (or, on a host of several, for one of them or all), applied at the step's moment exactly.</summary>
/// <param name="Command">The command.</param>
/// <param name="Text">As written.</param>
/// <param name="Guest">On a host of several guests: the one it is for (its index); null: every guest.</param>
public sealed record CommandAction(ISimCommand Command, string Text, int? Guest = null) : ScenarioAction(Text);

/// <summary>A fresh boot with other options (the visualizer's x, g, v): the old guest is thrown away.</summary>
/// <param name="Options">The new guest's options.</param>
/// <param name="Text">As written.</param>
public sealed record RestartAction(SimulationOptions Options, string Text) : ScenarioAction(Text);

/// <summary>What a view action changes: only what is shown, never the guest.</summary>
public enum ViewChange
{
    /// <summary>The speed simulated time runs at.</summary>
    Speed,

    /// <summary>Pause the simulation.</summary>
    Pause,

    /// <summary>Resume it.</summary>
    Resume,

    /// <summary>Show a range of pages in the grid.</summary>
    Zoom,

    /// <summary>Show the whole guest again.</summary>
    ZoomOut,

    /// <summary>Select a page and describe it.</summary>
    Select,
}

/// <summary>A change to what the visualizer shows; headless it does nothing.</summary>
/// <param name="Change">Which.</param>
/// <param name="Text">As written.</param>
/// <param name="Factor">For <see cref="ViewChange.Speed"/>: the speed factor (0: flat out).</param>
/// <param name="StartPfn">For zoom and select: the first page.</param>
/// <param name="Pages">For zoom: how many pages.</param>
public sealed record ViewAction(ViewChange Change, string Text, double Factor = 1, int StartPfn = 0, int Pages = 1) : ScenarioAction(Text);
