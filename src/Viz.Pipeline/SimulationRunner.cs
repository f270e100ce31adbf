using System.Reactive.Subjects;
using Viz.Simulation.Machine;

namespace Viz.Pipeline;

/// <summary>
/// Runs a simulation on its own thread at a chosen speed and publishes a <see cref="SimFrame"/> after each burst of
/// steps (at most one per <see cref="RunnerOptions.FrameInterval"/>), and after every request while paused. It never
/// waits for whoever consumes the frames: a slow screen drops frames, the simulation keeps its pace. Requests from
/// <see cref="ISimulationControl"/> are applied at the next step boundary.
/// </summary>
public sealed class SimulationRunner : ISimulationControl, IDisposable
{
    /// <summary>Simulated time stepped at once when running flat out: 50 ms.</summary>
    public const long FlatOutChunkNs = 50_000_000;

    private readonly GuestMachine _simulation;
    private readonly RunnerOptions _options;
    private readonly FrameBuilder _builder;
    private readonly VirtualClock _clock = new();
    private readonly Subject<SimFrame> _frames = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Lock _gate = new();
    private readonly Thread _thread;
    private SimulationSpeed _speed;
    private bool _paused;
    private GridWindow _window;
    private (int StartPfn, int PageCount)? _selection;
    private bool _requested = true;
    private volatile bool _stopping;
    private double _achievedFactor = double.NaN;

    /// <summary>Wraps <paramref name="simulation"/>; call <see cref="Start"/> to run it. The runner owns it from now on.</summary>
    public SimulationRunner(GuestMachine simulation, RunnerOptions options)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _builder = new FrameBuilder(simulation);
        _speed = options.Speed;
        _paused = options.Paused;
        _window = options.Window;
        _thread = new Thread(Loop) { IsBackground = true, Name = "simulation" };
    }

    /// <summary>Frames, published on the simulation's thread. Completes when the runner stops; fails if the simulation throws.</summary>
    public IObservable<SimFrame> Frames => _frames;

    /// <inheritdoc/>
    public SimulationSpeed Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }
    }

    /// <inheritdoc/>
    public bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <summary>Starts the simulation thread.</summary>
    public void Start() => _thread.Start();

    /// <inheritdoc/>
    public void Post(ISimCommand command)
    {
        _simulation.Enqueue(command);
        Request(() => { });
    }

    /// <inheritdoc/>
    public void SetSpeed(SimulationSpeed speed) => Request(() => _speed = speed);

    /// <inheritdoc/>
    public void SetPaused(bool paused) => Request(() => _paused = paused);

    /// <inheritdoc/>
    public void ShowWindow(GridWindow window) => Request(() => _window = window);

    /// <inheritdoc/>
    public void SelectPages(int startPfn, int pageCount) => Request(() => _selection = (startPfn, pageCount));

    /// <summary>Stops the thread, waits for it, and completes <see cref="Frames"/>.</summary>
    public void Dispose()
    {
        if (!_stopping)
        {
            _stopping = true;
            _wake.Set();
            if (_thread.IsAlive)
            {
                _thread.Join();
            }

            _builder.Dispose();
            _frames.OnCompleted();
            _frames.Dispose();
            _wake.Dispose();
        }
    }

    private void Request(Action change)
    {
        lock (_gate)
        {
            change();
            _requested = true;
        }

        _wake.Set();
    }

    private void Loop()
    {
        try
        {
            Run();
        }
#pragma warning disable CA1031 // A failing simulation ends the stream with its error; the UI reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _frames.OnError(e);
        }
    }

    private void Run()
    {
        TimeProvider time = _options.Time;
        long last = time.GetTimestamp();
        long rateStart = last;
        long rateStartNs = _simulation.NowNs;
        while (!_stopping)
        {
            SimulationSpeed speed;
            bool paused;
            bool requested;
            lock (_gate)
            {
                speed = _speed;
                paused = _paused;
                requested = _requested;
                _requested = false;
            }

            long now = time.GetTimestamp();
            TimeSpan elapsed = time.GetElapsedTime(last, now);
            last = now;
            long frameStart = now;
            if (paused)
            {
                _simulation.Step(0);
            }
            else if (speed.IsFlatOut)
            {
                do
                {
                    StepBy(FlatOutChunkNs);
                }
                while (!_stopping && time.GetElapsedTime(frameStart) < _options.FrameInterval);
            }
            else
            {
                StepWithin(_clock.Advance(elapsed, speed), frameStart);
            }

            TimeSpan rateWindow = time.GetElapsedTime(rateStart);
            if (rateWindow >= TimeSpan.FromSeconds(1))
            {
                _achievedFactor = paused ? 0 : (_simulation.NowNs - rateStartNs) / (rateWindow.Ticks * 100.0);
                rateStart = time.GetTimestamp();
                rateStartNs = _simulation.NowNs;
            }

            if (!paused || requested)
            {
                Publish(speed, paused);
            }

            if (paused)
            {
                last = time.GetTimestamp();
                _wake.WaitOne();
            }
            else if (!speed.IsFlatOut)
            {
                TimeSpan rest = _options.FrameInterval - time.GetElapsedTime(frameStart);
                if (rest > TimeSpan.Zero)
                {
                    _wake.WaitOne(rest);
                }
            }
        }
    }

    /// <summary>Steps <paramref name="ns"/> of simulated time in ticks, giving up what is left when a frame's wall time is spent.</summary>
    private void StepWithin(long ns, long frameStart)
    {
        long end = _simulation.NowNs + ns;
        long chunk = Math.Max(_simulation.Options.TickNs, 1);
        while (_simulation.NowNs < end && !_stopping)
        {
            StepBy(Math.Min(chunk, end - _simulation.NowNs));
            if (_options.Time.GetElapsedTime(frameStart) >= _options.FrameInterval)
            {
                break;
            }
        }
    }

    private void StepBy(long ns)
    {
        _simulation.Step(ns);
        _builder.RecordHistoryIfDue();
    }

    private void Publish(SimulationSpeed speed, bool paused)
    {
        GridWindow window;
        (int, int)? selection;
        lock (_gate)
        {
            window = _window;
            selection = _selection;
        }

        _frames.OnNext(_builder.Build(window, selection, speed, paused, _achievedFactor));
    }
}
