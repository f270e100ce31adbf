using Viz.Simulation.Core;

namespace Viz.Simulation.Machine;

/// <summary>A command from outside was applied at a step boundary (<paramref name="Command"/>: which, for a recording).</summary>
/// <param name="TimeNs">When it was applied.</param>
/// <param name="Description">What it did.</param>
/// <param name="Command">The command itself.</param>
public sealed record CommandApplied(long TimeNs, string Description, ISimCommand? Command = null) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "command";

    /// <inheritdoc/>
    public override string Describe() => Description;
}
