
namespace Viz.Simulation.Machine;

/// <summary>
/// Something a user asks of the simulation (switch a workload, change an option). Commands are queued and applied
/// at the next step boundary, so they never land in the middle of an event.
/// </summary>
public interface ISimCommand
{
    /// <summary>Applies the command and returns a line that says what it did.</summary>
    string Apply(GuestMachine machine);
}
