
namespace Viz.Simulation.Core;

/// <summary>Something that happened in the simulation, stamped with the virtual time it happened at.</summary>
/// <param name="TimeNs">Virtual time in nanoseconds.</param>
public abstract record SimEvent(long TimeNs)
{
    /// <summary>A short category for filtering (a log can show one kind at a time).</summary>
    public abstract string Kind { get; }

    /// <summary>One line for a human.</summary>
    public abstract string Describe();
}
