using Viz.Pipeline;

namespace Viz.App.Cli;

/// <summary>The value of --speed: a speed, and whether the simulation starts paused.</summary>
/// <param name="Speed">The speed once running.</param>
/// <param name="Paused">Whether it starts paused.</param>
public sealed record StartSpeed(SimulationSpeed Speed, bool Paused)
{
    /// <summary>As a user writes it: "1", "x4", "max" or "paused".</summary>
    public override string ToString() => Paused ? "paused" : Speed.IsFlatOut ? "max" : Speed.ToString().Replace("×", "x", StringComparison.Ordinal);
}
