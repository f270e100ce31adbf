using Viz.Simulation.Machine;

namespace Viz.Pipeline;

/// <summary>
/// Runs a <see cref="SimulationLoop"/> on its own thread: a pass, then a wait for the time the loop asks for, cut short
/// by any request. It never waits for whoever consumes the frames: a slow screen drops frames, the simulation keeps its
/// pace. Requests are applied at the next step boundary.
/// </summary>
public sealed class SimulationRunner : ISimulationControl, IDisposable
{
    private readonly SimulationLoop _loop;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private bool _disposed;

    /// <summary>Wraps <paramref name="simulation"/>; call <see cref="Start"/> to run it. The runner owns it from now on.</summary>
    public SimulationRunner(GuestMachine simulation, RunnerOptions options)
        : this(new SimulationLoop(simulation, options))
    {
    }

    /// <summary>Wraps <paramref name="host"/> and its guests; call <see cref="Start"/> to run them. The runner owns them from now on.</summary>
    public SimulationRunner(HostMachine host, RunnerOptions options)
        : this(new SimulationLoop(host, options))
    {
    }

    private SimulationRunner(SimulationLoop loop)
    {
        _loop = loop;
        _thread = new Thread(Loop) { IsBackground = true, Name = "simulation" };
    }

    /// <summary>Frames, published on the simulation's thread. Completes when the runner stops; fails if the simulation throws.</summary>
    public IObservable<SimFrame> Frames => _loop.Frames;

    /// <inheritdoc/>
    public SimulationSpeed Speed => _loop.Speed;

    /// <inheritdoc/>
    public bool Paused => _loop.Paused;

    /// <summary>Starts the simulation thread.</summary>
    public void Start() => _thread.Start();

    /// <inheritdoc/>
    public void Post(ISimCommand command)
    {
        _loop.Post(command);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void SetSpeed(SimulationSpeed speed)
    {
        _loop.SetSpeed(speed);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void SetPaused(bool paused)
    {
        _loop.SetPaused(paused);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void StepOnce()
    {
        _loop.StepOnce();
        _wake.Set();
    }

    /// <inheritdoc/>
    public void Restart(SimulationOptions options)
    {
        _loop.Restart(options);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void ShowWindow(GridWindow window)
    {
        _loop.ShowWindow(window);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void SelectPages(int startPfn, int pageCount)
    {
        _loop.SelectPages(startPfn, pageCount);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void SelectGuest(int guest)
    {
        _loop.SelectGuest(guest);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void ShowHostGrids(int cells)
    {
        _loop.ShowHostGrids(cells);
        _wake.Set();
    }

    /// <inheritdoc/>
    public void ContinueScenario()
    {
        _loop.ContinueScenario();
        _wake.Set();
    }

    /// <summary>Stops the thread, waits for it (unless called from it), and completes <see cref="Frames"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _loop.Stop();
        _wake.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _loop.Dispose();
        _wake.Dispose();
    }

    private void Loop()
    {
        try
        {
            while (!_loop.Stopping)
            {
                TimeSpan? wait = _loop.RunOnce();
                if (_loop.Stopping)
                {
                    break;
                }

                if (wait is null)
                {
                    _wake.WaitOne();
                }
                else if (wait > TimeSpan.Zero)
                {
                    _wake.WaitOne(wait.Value);
                }
            }
        }
#pragma warning disable CA1031 // A failing simulation ends the stream with its error; the UI reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _loop.Fail(e);
        }
    }
}
