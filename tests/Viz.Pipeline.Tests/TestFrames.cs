using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;

namespace Viz.Pipeline.Tests;

/// <summary>Small real simulations and frames for the tests.</summary>
internal static class TestFrames
{
    private static readonly Lazy<SimFrame> Template = new(() =>
    {
        using var builder = new FrameBuilder(SmallSimulation());
        return builder.Build(new GridWindow(0, 1024, 16), null, SimulationSpeed.RealTime, false, double.NaN);
    });

    /// <summary>A 64 MiB idle guest.</summary>
    public static GuestMachine SmallSimulation() =>
        new(new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 64L << 20 } });

    /// <summary>A real frame renumbered.</summary>
    public static SimFrame Numbered(long number) => Template.Value with { Number = number };
}
