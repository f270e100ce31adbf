using Viz.Pipeline;
using Viz.Simulation.Machine;

namespace Viz.App.Tests.Tui;

/// <summary>An <see cref="ISimulationControl"/> that records every request instead of running a simulation.</summary>
internal sealed class RecordingControl : ISimulationControl
{
    public List<ISimCommand> Commands { get; } = [];

    public List<GridWindow> Windows { get; } = [];

    public List<(int StartPfn, int PageCount)> Selections { get; } = [];

    public SimulationSpeed Speed { get; private set; } = SimulationSpeed.RealTime;

    public bool Paused { get; private set; }

    public void Post(ISimCommand command) => Commands.Add(command);

    public void SetSpeed(SimulationSpeed speed) => Speed = speed;

    public void SetPaused(bool paused) => Paused = paused;

    public void ShowWindow(GridWindow window) => Windows.Add(window);

    public void SelectPages(int startPfn, int pageCount) => Selections.Add((startPfn, pageCount));
}
