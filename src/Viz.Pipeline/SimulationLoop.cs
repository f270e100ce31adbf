using System.Reactive.Subjects;
using Viz.Simulation.Machine;
using Viz.Simulation.Scenarios;

namespace Viz.Pipeline;

/// <summary>
/// The simulation's pacing without a thread of its own: each <see cref="RunOnce"/> applies the requests made since
/// the last pass, steps the simulation by as much virtual time as the wall time elapsed on <see cref="RunnerOptions.Time"/>
/// asks for at the chosen speed (or flat out for one frame's worth of wall time), publishes a frame, and says how long
/// to wait before the next pass. A <see cref="SimulationRunner"/> drives it on a thread; tests drive it on virtual time.
/// Requests (<see cref="ISimulationControl"/>) may come from any thread.
/// </summary>
public sealed class SimulationLoop : ISimulationControl, IDisposable
{
    /// <summary>Simulated time stepped at once when running flat out: 50 ms.</summary>
    public const long FlatOutChunkNs = 50_000_000;

    private GuestMachine _simulation;
    private readonly RunnerOptions _options;
    private readonly TimeProvider _time;
    private FrameBuilder _builder;
    private HostMachine? _host;
    private List<FrameBuilder> _builders = [];
    private int _guest;
    private int _hostGridCells = 64;
    private HostRate _swapRate;
    private readonly VirtualClock _clock = new();
    private readonly Subject<SimFrame> _frames = new();
    private readonly Lock _gate = new();
    private SimulationSpeed _speed;
    private bool _paused;
    private GridWindow _window;
    private (int StartPfn, int PageCount)? _selection;
    private bool _requested = true;
    private bool _stepRequested;
    private SimulationOptions? _restartWith;
    private long _last;
    private long _rateStart;
    private long _rateStartNs;
    private double _achievedFactor = double.NaN;
    private volatile bool _stopping;
    private ScenarioDirector? _director;

    /// <summary>Paces <paramref name="simulation"/>, which it owns from now on.</summary>
    public SimulationLoop(GuestMachine simulation, RunnerOptions options)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = options.Time;
        _builder = new FrameBuilder(simulation);
        _builders = [_builder];
        _speed = options.Speed;
        _paused = options.Paused;
        _window = options.Window;
        _last = _time.GetTimestamp();
        _rateStart = _last;
        _rateStartNs = simulation.NowNs;
        options.Recorder?.Attach(simulation);
        _director = options.Scenario is null or { Host: not null } ? null : new ScenarioDirector(options.Scenario, simulation, options.StopAtChapters);
        if (_director?.SecondMachine is GuestMachine second)
        {
            _builders = [_builder, new FrameBuilder(second)];
        }
    }

    /// <summary>Paces <paramref name="host"/> and its guests, which it owns from now on; frames are of guest 0 until another is selected.</summary>
    public SimulationLoop(HostMachine host, RunnerOptions options)
        : this((host ?? throw new ArgumentNullException(nameof(host))).Guests[0], options)
    {
        _host = host;
        _builders = [_builder, .. host.Guests.Skip(1).Select(guest => new FrameBuilder(guest))];
        _director = options.Scenario is { Host: not null } scenario ? new ScenarioDirector(scenario, host, options.StopAtChapters) : null;
        _swapRate = new HostRate(host.NowNs, host.Host.SwapOutPages, host.Host.SwapInPages, 0, 0);
    }

    /// <summary>Frames, published on the caller of <see cref="RunOnce"/>. Completes on <see cref="Dispose"/>; fails if the simulation throws.</summary>
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

    /// <summary>Whether <see cref="Stop"/> was called: the next pass should not come.</summary>
    public bool Stopping => _stopping;

    /// <inheritdoc/>
    public void Post(ISimCommand command) => Request(() =>
    {
        if (_options.Versus is not null && _host is HostMachine host)
        {
            // Side by side: the same command reaches both guests, at the same step boundary of their shared clock.
            foreach (GuestMachine guest in host.Guests)
            {
                guest.Enqueue(command);
            }
        }
        else if (_director?.SecondMachine is GuestMachine second)
        {
            _simulation.Enqueue(command);
            second.Enqueue(command);
        }
        else
        {
            _simulation.Enqueue(command);
        }
    });

    /// <inheritdoc/>
    public void SetSpeed(SimulationSpeed speed)
    {
        _options.Recorder?.Viewed(new ViewAction(ViewChange.Speed, speed.IsFlatOut ? "speed flat-out" : $"speed {speed.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}", speed.IsFlatOut ? 0 : speed.Factor));
        Request(() => _speed = speed);
    }

    /// <inheritdoc/>
    public void SetPaused(bool paused)
    {
        _options.Recorder?.Viewed(paused ? new ViewAction(ViewChange.Pause, "pause") : new ViewAction(ViewChange.Resume, "resume"));
        Request(() => _paused = paused);
    }

    /// <inheritdoc/>
    public void StepOnce() => Request(() => _stepRequested = true);

    /// <inheritdoc/>
    public void Restart(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Request(() => _restartWith = options);
    }

    /// <inheritdoc/>
    public void ShowWindow(GridWindow window) => Request(() => _window = window);

    /// <inheritdoc/>
    public void SelectPages(int startPfn, int pageCount) => Request(() => _selection = (startPfn, pageCount));

    /// <inheritdoc/>
    public void SelectGuest(int guest) => Request(() =>
    {
        if (_host is not null && guest >= 0 && guest < _builders.Count)
        {
            _guest = guest;
            _simulation = _host.Guests[guest];
            _builder = _builders[guest];
        }
    });

    /// <inheritdoc/>
    public void ShowHostGrids(int cells) => Request(() => _hostGridCells = Math.Max(1, cells));

    /// <inheritdoc/>
    public void ContinueScenario() => Request(() => _director?.Continue());

    /// <summary>Asks the loop to stop: a pass under way gives up the rest of its steps.</summary>
    public void Stop()
    {
        _stopping = true;
    }

    /// <summary>
    /// One pass: requests, steps, a frame when running or when something was asked. Returns how long to wait before the
    /// next pass: null while paused (until the next request), zero when flat out.
    /// </summary>
    public TimeSpan? RunOnce()
    {
        SimulationSpeed speed;
        bool paused;
        bool requested;
        bool step;
        SimulationOptions? restart;
        lock (_gate)
        {
            speed = _speed;
            paused = _paused;
            requested = _requested;
            step = _stepRequested;
            restart = _restartWith;
            _requested = false;
            _stepRequested = false;
            _restartWith = null;
        }

        if (restart is not null)
        {
            Boot(restart);
        }

        long now = _time.GetTimestamp();
        TimeSpan elapsed = _time.GetElapsedTime(_last, now);
        _last = now;
        long frameStart = now;
        speed = _director?.SpeedFor(speed) ?? speed;
        bool waiting = _director?.Waiting == true;
        if (waiting)
        {
            _director!.Step(0);
            waiting = _director.Waiting;
        }

        if (paused || waiting)
        {
            StepBy(step ? Math.Max(_simulation.Options.TickNs, 1) : 0);
        }
        else if (speed.IsFlatOut)
        {
            do
            {
                StepBy(FlatOutChunkNs);
            }
            while (!_stopping && _director?.Waiting != true && _time.GetElapsedTime(frameStart) < _options.FrameInterval);
        }
        else
        {
            StepWithin(_clock.Advance(elapsed, speed), frameStart);
        }

        MeasureRate(paused);
        if (!paused || requested)
        {
            Publish(speed, paused);
        }

        if (paused || _director?.Waiting == true)
        {
            _last = _time.GetTimestamp();
            return null;
        }

        if (speed.IsFlatOut)
        {
            return TimeSpan.Zero;
        }

        TimeSpan rest = _options.FrameInterval - _time.GetElapsedTime(frameStart);
        return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
    }

    /// <summary>Ends <see cref="Frames"/> with the simulation's failure.</summary>
    public void Fail(Exception error) => _frames.OnError(error);

    /// <summary>Completes <see cref="Frames"/>.</summary>
    public void Dispose()
    {
        _stopping = true;
        _director?.Dispose();
        foreach (FrameBuilder builder in _builders)
        {
            builder.Dispose();
        }

        _frames.OnCompleted();
        _frames.Dispose();
    }

    /// <summary>
    /// A new guest in place of the old one: a fresh boot, its own history; commands not yet applied go with the old one.
    /// On a host of several guests the host starts afresh with the selected guest's new options and the others' own.
    /// </summary>
    private void Boot(SimulationOptions options)
    {
        if (_director is ScenarioDirector director)
        {
            // A demo's guests belong to its timeline: it boots them, and the loop follows. A host's guests of a
            // scenario stay as the scenario set them.
            if (_host is null)
            {
                director.Restart(options);
                FollowDirector(director);
            }

            return;
        }

        if (_host is HostMachine host)
        {
            SimulationOptions[] guests = _options.Versus is { } versus
                ? [options, versus(options)]
                : [.. host.Guests.Select((g, i) => i == _guest ? options : g.Options)];
            var fresh = new HostMachine(host.Options, guests, host.Policy is null ? BalloonPolicy.None : BalloonPolicy.Auto, host.Names);
            List<FrameBuilder> builders = [.. fresh.Guests.Select(guest => new FrameBuilder(guest))];
            foreach (FrameBuilder old in _builders)
            {
                old.Dispose();
            }

            lock (_gate)
            {
                _host = fresh;
                _builders = builders;
                _simulation = fresh.Guests[_guest];
                _builder = builders[_guest];
                _swapRate = new HostRate(0, 0, 0, 0, 0);
            }
        }
        else
        {
            var machine = new GuestMachine(options);
            var builder = new FrameBuilder(machine);
            _options.Recorder?.Restarted(_simulation.NowNs, options, machine);
            _builder.Dispose();
            lock (_gate)
            {
                _simulation = machine;
                _builder = builder;
                _builders = [builder];
            }
        }

        _rateStart = _time.GetTimestamp();
        _rateStartNs = 0;
    }

    private void Request(Action change)
    {
        lock (_gate)
        {
            change();
            _requested = true;
        }
    }

    /// <summary>The speed actually achieved, measured over about a second of wall time.</summary>
    private void MeasureRate(bool paused)
    {
        TimeSpan rateWindow = _time.GetElapsedTime(_rateStart);
        if (rateWindow >= TimeSpan.FromSeconds(1))
        {
            _achievedFactor = paused ? 0 : (_simulation.NowNs - _rateStartNs) / (rateWindow.Ticks * 100.0);
            _rateStart = _time.GetTimestamp();
            _rateStartNs = _simulation.NowNs;
        }
    }

    /// <summary>Steps <paramref name="ns"/> of simulated time in ticks, giving up what is left when a frame's wall time is spent.</summary>
    private void StepWithin(long ns, long frameStart)
    {
        long left = ns;
        long chunk = Math.Max(_simulation.Options.TickNs, 1);
        bool slow = _director?.SlowMotion == true;
        while (left > 0 && !_stopping && _director?.Waiting != true)
        {
            long step = Math.Min(chunk, left);
            StepBy(step);
            left -= step;
            // A demo's slow motion begins with the next frame: this one ends where the moment worth watching begins.
            if (_time.GetElapsedTime(frameStart) >= _options.FrameInterval || (!slow && _director?.SlowMotion == true))
            {
                break;
            }
        }
    }

    private void StepBy(long ns)
    {
        if (_host is not null && _director is ScenarioDirector hostDirector)
        {
            // A scenario of several guests: its timeline steps the host, and the loop follows its pace.
            hostDirector.Step(ns);
            FollowDirector(hostDirector);
        }
        else if (_host is HostMachine host)
        {
            host.Step(ns);
        }
        else if (_director is ScenarioDirector director)
        {
            director.Step(ns);
            FollowDirector(director);
        }
        else
        {
            _simulation.Step(ns);
        }

        foreach (FrameBuilder builder in _builders)
        {
            builder.RecordHistoryIfDue();
        }
    }

    /// <summary>Takes up what the scenario's steps changed: a restart's new guest, and the pace they asked for.</summary>
    private void FollowDirector(ScenarioDirector director)
    {
        if (_host is null && !ReferenceEquals(director.Machine, _simulation))
        {
            var builder = new FrameBuilder(director.Machine);
            List<FrameBuilder> builders = director.SecondMachine is GuestMachine second ? [builder, new FrameBuilder(second)] : [builder];
            foreach (FrameBuilder old in _builders)
            {
                old.Dispose();
            }

            lock (_gate)
            {
                _simulation = director.Machine;
                _builder = builder;
                _builders = builders;
            }

            _rateStart = _time.GetTimestamp();
            _rateStartNs = 0;
        }

        foreach (ViewAction pace in director.TakePaceChanges())
        {
            lock (_gate)
            {
                switch (pace.Change)
                {
                    case ViewChange.Speed:
                        _speed = pace.Factor == 0 ? SimulationSpeed.FlatOut : new SimulationSpeed(pace.Factor);
                        break;
                    case ViewChange.Pause:
                        _paused = true;
                        break;
                    default:
                        _paused = false;
                        break;
                }
            }
        }
    }

    private void Publish(SimulationSpeed speed, bool paused)
    {
        GridWindow window;
        (int, int)? selection;
        FrameBuilder builder;
        int guest;
        int hostCells;
        lock (_gate)
        {
            window = _window;
            selection = _selection;
            builder = _builder;
            guest = _guest;
            hostCells = _hostGridCells;
        }

        SimFrame frame = builder.Build(window, selection, speed, paused, _achievedFactor);
        if (_director is ScenarioDirector director)
        {
            frame = frame with { Scenario = director.Frame() };
        }

        if (_options.Versus is not null && _builders.Count == 2)
        {
            List<FrameBuilder> builders;
            lock (_gate)
            {
                builders = _builders;
            }

            frame = frame with { Versus = [frame, .. builders.Skip(1).Select(b => b.Build(window, selection, speed, paused, _achievedFactor))] };
        }
        else if (_host is HostMachine host2)
        {
            _swapRate = _swapRate.Next(host2.NowNs, host2.Host.SwapOutPages, host2.Host.SwapInPages);
            frame = frame with { Host = HostFrames.Build(host2, hostCells, _swapRate), Guest = guest };
        }

        _frames.OnNext(frame);
    }
}
