using Viz.Simulation.Machine;

namespace Viz.Pipeline;

/// <summary>
/// What a UI may ask of a running simulation. Every member is safe to call from any thread and returns at once;
/// the simulation applies the request at its next step boundary and shows the result in a later frame.
/// </summary>
public interface ISimulationControl
{
    /// <summary>The speed virtual time runs at when not paused.</summary>
    SimulationSpeed Speed { get; }

    /// <summary>Whether virtual time stands still.</summary>
    bool Paused { get; }

    /// <summary>Queues a command for the simulation.</summary>
    void Post(ISimCommand command);

    /// <summary>Sets the speed (pausing is separate: see <see cref="SetPaused"/>).</summary>
    void SetSpeed(SimulationSpeed speed);

    /// <summary>Pauses or resumes virtual time.</summary>
    void SetPaused(bool paused);

    /// <summary>While paused, advances the simulation by one tick (10 ms of simulated time) and shows it.</summary>
    void StepOnce();

    /// <summary>Throws the guest away and boots a new one with <paramref name="options"/> (a reset of the VM).</summary>
    void Restart(SimulationOptions options);

    /// <summary>Sets the pages and cells the next frames' grid covers.</summary>
    void ShowWindow(GridWindow window);

    /// <summary>Sets the run of pages the next frames describe in detail.</summary>
    void SelectPages(int startPfn, int pageCount);

    /// <summary>
    /// With several guests on one host: the guest whose grid, figures and events the next frames carry, and to which
    /// commands go from now on. Out of range: no change. A guest alone has only guest 0.
    /// </summary>
    void SelectGuest(int guest);

    /// <summary>With several guests: the cells of each guest's one-row grid in the host view.</summary>
    void ShowHostGrids(int cells);

    /// <summary>In a demo: go on past the chapter mark it waits at. Without a scenario, nothing.</summary>
    void ContinueScenario();
}
