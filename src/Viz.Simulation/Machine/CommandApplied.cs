using Viz.Simulation.Core;

namespace Viz.Simulation.Machine;

/// <summary>A command from outside was applied at a step boundary.</summary>
public sealed record CommandApplied(long TimeNs, string Description) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "command";

    /// <inheritdoc/>
    public override string Describe() => Description;
}
