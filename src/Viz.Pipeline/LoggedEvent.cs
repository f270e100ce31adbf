using Viz.Simulation.Core;

namespace Viz.Pipeline;

/// <summary>A simulation event with its place in the run's sequence of events (1 for the first).</summary>
/// <param name="Sequence">Counts every event published since the runner started, so a reader can tell which it has seen.</param>
/// <param name="Event">The event (an immutable record).</param>
public sealed record LoggedEvent(long Sequence, SimEvent Event);
