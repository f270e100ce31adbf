using Microsoft.Extensions.Time.Testing;
using Viz.Pipeline;
using Viz.Simulation.Machine;

namespace Viz.App.Tests.Tui;

/// <summary>
/// An <see cref="ISimulationControl"/> that records every request and passes it on to a real simulation, paced by a
/// <see cref="SimulationLoop"/> on a fake clock: <see cref="Pump"/> makes the loop take one pass on the test's thread.
/// </summary>
internal sealed class RecordingControl : ISimulationControl, IDisposable
{
    private readonly FakeTimeProvider _time = new();

    public RecordingControl(SimulationOptions? options = null)
    {
        Loop = new SimulationLoop(new GuestMachine(options ?? Headless.SmallGuest), new RunnerOptions { Paused = true, Time = _time });
    }

    /// <summary>Several guests on one host, paced the same way.</summary>
    public RecordingControl(HostMachine host)
    {
        Loop = new SimulationLoop(host, new RunnerOptions { Paused = true, Time = _time });
    }

    public SimulationLoop Loop { get; }

    public List<int> SelectedGuests { get; } = [];

    public void SelectGuest(int guest)
    {
        SelectedGuests.Add(guest);
        Loop.SelectGuest(guest);
    }

    public void ShowHostGrids(int cells) => Loop.ShowHostGrids(cells);

    public void ContinueScenario() => Loop.ContinueScenario();

    public List<ISimCommand> Commands { get; } = [];

    public List<GridWindow> Windows { get; } = [];

    public List<(int StartPfn, int PageCount)> Selections { get; } = [];

    public SimulationSpeed Speed => Loop.Speed;

    public bool Paused => Loop.Paused;

    public void Post(ISimCommand command)
    {
        Commands.Add(command);
        Loop.Post(command);
    }

    public void SetSpeed(SimulationSpeed speed) => Loop.SetSpeed(speed);

    public void SetPaused(bool paused) => Loop.SetPaused(paused);

    public void StepOnce() => Loop.StepOnce();

    public List<SimulationOptions> Restarts { get; } = [];

    public void Restart(SimulationOptions options)
    {
        Restarts.Add(options);
        Loop.Restart(options);
    }

    public void ShowWindow(GridWindow window)
    {
        Windows.Add(window);
        Loop.ShowWindow(window);
    }

    public void SelectPages(int startPfn, int pageCount)
    {
        Selections.Add((startPfn, pageCount));
        Loop.SelectPages(startPfn, pageCount);
    }

    /// <summary>One pass of the loop: requests applied, a frame published.</summary>
    public void Pump() => Loop.RunOnce();

    /// <summary>Runs the simulation for <paramref name="wall"/> of fake wall time at real-time speed, then pauses it again.</summary>
    public void Run(TimeSpan wall)
    {
        bool paused = Loop.Paused;
        SimulationSpeed speed = Loop.Speed;
        Loop.SetSpeed(SimulationSpeed.RealTime);
        Loop.SetPaused(false);
        Loop.RunOnce();
        for (TimeSpan done = TimeSpan.Zero; done < wall; done += TimeSpan.FromMilliseconds(100))
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Loop.RunOnce();
        }

        Loop.SetSpeed(speed);
        Loop.SetPaused(paused);
        Loop.RunOnce();
    }

    public void Dispose() => Loop.Dispose();
}
