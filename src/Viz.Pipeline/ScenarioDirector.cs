using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;

namespace Viz.Pipeline;

/// <summary>
/// A scenario played in the visualizer: its timeline makes the steps happen at their moments exactly as a headless play
/// does (the same <see cref="ScenarioTimeline"/>), whatever the frames' lengths; at a chapter mark it waits for the
/// presenter when asked to; around the moments worth watching — a migration's first pass — it slows time down; and it
/// hands the visualizer what each step changes in the view (speed, pause, zoom, selection) and what the audience reads.
/// Runs on the simulation's thread, except <see cref="Continue"/>.
/// </summary>
public sealed class ScenarioDirector : IDisposable
{
    /// <summary>The speed factor at most while a migration makes its first pass, so that the audience sees it sweep the grid.</summary>
    public const double SlowMotionFactor = 0.25;

    /// <summary>
    /// How long slow motion lasts from the start of a page reporting pass: a pass takes milliseconds, too short to see,
    /// so the moment around it is slowed, long enough to see the reported blocks change colour.
    /// </summary>
    public const long ReportingSlowMotionNs = 400 * Viz.Simulation.Units.SimDuration.NsPerMs;

    private readonly Scenario _scenario;
    private readonly ScenarioTimeline _timeline;
    private readonly bool _stopAtChapters;
    private readonly int _chapters;
    private readonly List<ViewAction> _views = [];
    private readonly List<ViewAction> _screenViews = [];
    private int _released = -1;
    private volatile bool _continueRequested;
    private bool _waiting;
    private string? _chapter;
    private int _chapterNumber;
    private string? _caption;
    private (string, long)? _lastAction;
    private (string, string, bool)? _lastCheck;
    private bool? _hashMatches;
    private long _reportingUntilNs = -1;
    private IDisposable _reportingWatch;
    private GuestMachine _watched;

    /// <summary>Plays <paramref name="scenario"/> on <paramref name="machine"/> (its guest, fresh from boot).</summary>
    public ScenarioDirector(Scenario scenario, GuestMachine machine, bool stopAtChapters)
        : this(scenario, new ScenarioTimeline(scenario ?? throw new ArgumentNullException(nameof(scenario)), machine, scenario.Versus is { } versus ? new GuestMachine(versus.Options) : null), machine, stopAtChapters)
    {
    }

    /// <summary>Plays <paramref name="scenario"/> on <paramref name="host"/>'s guests (fresh from boot).</summary>
    public ScenarioDirector(Scenario scenario, HostMachine host, bool stopAtChapters)
        : this(scenario, new ScenarioTimeline(scenario ?? throw new ArgumentNullException(nameof(scenario)), host), (host ?? throw new ArgumentNullException(nameof(host))).Guests[0], stopAtChapters)
    {
    }

    private ScenarioDirector(Scenario scenario, ScenarioTimeline timeline, GuestMachine machine, bool stopAtChapters)
    {
        _scenario = scenario;
        _timeline = timeline;
        _reportingWatch = WatchReporting(machine);
        _watched = machine;
        _stopAtChapters = stopAtChapters;
        _chapters = scenario.Steps.Count(s => s.Chapter is not null);
    }

    /// <summary>The guest now: a restart step replaces it.</summary>
    public GuestMachine Machine => _timeline.Machine;

    /// <summary>Side by side: the second guest now; null otherwise.</summary>
    public GuestMachine? SecondMachine => _timeline.SecondMachine;

    /// <summary>A restart from the visualizer: both guests boot anew and the steps go on against them.</summary>
    public void Restart(SimulationOptions options) => _timeline.Restart(options);

    /// <summary>
    /// Whether time stands still: at a chapter mark until <see cref="Continue"/>, or for good at the end of a recording,
    /// where the replay's state is compared with the recorded one.
    /// </summary>
    public bool Waiting => (_waiting && !_continueRequested) || ReplayEnded;

    /// <summary>For a recording: whether the replay has reached the recorded end.</summary>
    public bool ReplayEnded => _hashMatches is not null;

    /// <summary>The presenter goes on past the chapter mark it waits at (any thread).</summary>
    public void Continue() => _continueRequested = true;

    /// <summary>The speed to run at now: <paramref name="speed"/>, or slower during a migration's first pass.</summary>
    public SimulationSpeed SpeedFor(SimulationSpeed speed) =>
        SlowMotion && (speed.IsFlatOut || speed.Factor > SlowMotionFactor) ? new SimulationSpeed(SlowMotionFactor) : speed;

    /// <summary>Runs <paramref name="ns"/> of simulated time (less when it reaches a chapter mark it must wait at).</summary>
    public void Step(long ns)
    {
        if (_continueRequested)
        {
            _continueRequested = false;
            _waiting = false;
            _released = _timeline.History.Count;
        }

        if (_waiting || ReplayEnded)
        {
            return;
        }

        // A recording ends where the session ended: there its state hash is compared with the recorded one.
        bool replay = _scenario.ExpectedHash is not null && _scenario.DurationNs is not null;
        if (replay)
        {
            ns = Math.Min(ns, _scenario.DurationNs!.Value - _timeline.ElapsedNs);
        }

        bool stopped = false;
        IReadOnlyList<FiredStep> fired = _timeline.Advance(ns, step =>
        {
            stopped = _stopAtChapters && step.Chapter is not null && _timeline.History.Count != _released && _timeline.History.Count > 0;
            return stopped;
        });
        foreach (FiredStep step in fired)
        {
            Show(step);
        }

        if (!ReferenceEquals(_watched, Machine))
        {
            // A restart booted another guest: its page reporting is the one to watch now.
            _reportingWatch.Dispose();
            _reportingWatch = WatchReporting(Machine);
            _watched = Machine;
            _reportingUntilNs = -1;
        }

        _waiting = stopped;
        if (replay && _timeline.ElapsedNs >= _scenario.DurationNs!.Value)
        {
            _hashMatches = _timeline.StateHash() == _scenario.ExpectedHash;
        }
    }

    /// <summary>The changes of pace (speed, pause, resume) the steps since the last call asked for, in order.</summary>
    public IReadOnlyList<ViewAction> TakePaceChanges()
    {
        ViewAction[] views = [.. _views];
        _views.Clear();
        return views;
    }

    /// <summary>What a frame shows of the scenario now.</summary>
    public ScenarioFrame Frame() => new()
    {
        Title = _scenario.Title,
        Chapter = _chapter,
        ChapterNumber = _chapterNumber,
        Chapters = _chapters,
        Caption = _caption,
        LastAction = _lastAction,
        LastCheck = _lastCheck,
        WaitingAtChapter = Waiting,
        NextChapter = Waiting ? _timeline.Pending?.Chapter : null,
        Done = _timeline.Done,
        Checks = (_timeline.History.Count(h => h.Step.Expect is not null), _timeline.History.Count(h => !h.Passed)),
        SlowMotion = SlowMotion,
        Views = [.. _screenViews],
        HashMatches = _hashMatches,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        _reportingWatch.Dispose();
        _timeline.Dispose();
    }

    private IDisposable WatchReporting(GuestMachine machine) => machine.Events.Subscribe(e =>
    {
        if (e is Viz.Simulation.Guest.PageReportingStateChanged { New: Viz.Simulation.Guest.PageReportingState.Active })
        {
            _reportingUntilNs = e.TimeNs + ReportingSlowMotionNs;
        }
    });

    /// <summary>Whether now is a moment worth watching slowly: a migration's first pass, or a page reporting pass.</summary>
    public bool SlowMotion =>
        Machine.Migration is { IsActive: true, Round: <= 1 } || SecondMachine?.Migration is { IsActive: true, Round: <= 1 } || Machine.NowNs < _reportingUntilNs;

    private void Show(FiredStep fired)
    {
        ScenarioStep step = fired.Step;
        if (step.Chapter is string chapter)
        {
            _chapter = chapter;
            _chapterNumber++;
        }

        if (step.Caption is string caption)
        {
            _caption = caption;
        }

        if (step.Action is ScenarioAction action)
        {
            _lastAction = (action.Text, fired.TimeNs);
            if (action is ViewAction { Change: ViewChange.Speed or ViewChange.Pause or ViewChange.Resume } pacing)
            {
                _views.Add(pacing);
            }
            else if (action is ViewAction view)
            {
                _screenViews.Add(view);
            }
        }

        if (step.Expect is ScenarioCheck check)
        {
            _lastCheck = (check.Text, check.Figure.Format(fired.Actual), fired.Passed);
        }
    }
}
