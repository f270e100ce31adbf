using Viz.Simulation.Core;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.Simulation.Scenarios;

/// <summary>A step that happened: which, when (simulated time since the guest booted), and its check's outcome.</summary>
/// <param name="Step">The step.</param>
/// <param name="Index">Its place in the timeline (0-based).</param>
/// <param name="TimeNs">When it happened.</param>
/// <param name="Actual">Its check's figure then, if it has a check.</param>
/// <param name="Passed">Whether the check passed (true without a check).</param>
public sealed record FiredStep(ScenarioStep Step, int Index, long TimeNs, double? Actual, bool Passed);

/// <summary>
/// A scenario's timeline running against a guest: the one place that decides when each step happens, for the
/// headless player and for the visualizer alike, so that a demo and its headless play are the same run. Time moves
/// only through <see cref="Advance"/>; a step at a time happens at that time exactly, a step after another that long
/// after it, and a step on a condition at the first check (every <see cref="CheckIntervalNs"/> of simulated time) at
/// which the condition holds. A step's check is made when it happens, before its command, which is applied then.
/// </summary>
public sealed class ScenarioTimeline : IDisposable
{
    /// <summary>How often a step waiting on a condition looks at it: every 100 ms of simulated time.</summary>
    public const long CheckIntervalNs = 100 * SimDuration.NsPerMs;

    /// <summary>How long a step waits for its condition before the scenario gives up on it.</summary>
    public const long MaxWaitNs = 3600 * SimDuration.NsPerSecond;

    private readonly Scenario _scenario;
    private readonly List<MigrationResult> _completed = [];
    private readonly List<FiredStep> _history = [];
    private readonly List<string> _phases = [];
    private GuestMachine _machine;
    private IDisposable _subscription;
    private int _startedBefore;
    private int _ended;
    private int _next;
    private long _previousNs;
    private ScenarioProgress _since;

    /// <summary>Runs <paramref name="scenario"/> against <paramref name="machine"/>, which must be its guest fresh from boot.</summary>
    public ScenarioTimeline(Scenario scenario, GuestMachine machine)
    {
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _machine = machine ?? throw new ArgumentNullException(nameof(machine));
        _subscription = machine.Events.Subscribe(OnEvent);
        _since = State.Progress;
    }

    /// <summary>The guest now: a restart step replaces it.</summary>
    public GuestMachine Machine => _machine;

    /// <summary>What the figures are read from now.</summary>
    public ScenarioState State => new(_machine, _completed, _startedBefore + _machine.MigrationsStarted, _ended, _phases);

    /// <summary>Every step that has happened, in order.</summary>
    public IReadOnlyList<FiredStep> History => _history;

    /// <summary>Whether every step has happened.</summary>
    public bool Done => _next >= _scenario.Steps.Count;

    /// <summary>The step that has not happened yet and is next, if any.</summary>
    public ScenarioStep? Pending => Done ? null : _scenario.Steps[_next];

    /// <summary>Simulated time since the step before the pending one happened (how long it has waited).</summary>
    public long WaitedNs => _machine.NowNs - _previousNs;

    /// <summary>Simulated time run in all, across restarts.</summary>
    public long ElapsedNs { get; private set; }

    /// <summary>
    /// Runs the guest for <paramref name="durationNs"/> of simulated time (or less, to stop at a step that
    /// <paramref name="stopBefore"/> says yes to, before it happens: a demo's chapter mark), making each step happen at
    /// its moment. Returns the steps that happened.
    /// </summary>
    public IReadOnlyList<FiredStep> Advance(long durationNs, Func<ScenarioStep, bool>? stopBefore = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationNs);
        var fired = new List<FiredStep>();
        long left = durationNs;
        while (true)
        {
            if (FireDue(fired, stopBefore) || left == 0)
            {
                return fired;
            }

            long step = Math.Min(left, UntilNextLook());
            _machine.Step(step);
            left -= step;
            ElapsedNs += step;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _subscription.Dispose();

    /// <summary>Makes every step that is due now happen; true when it stopped before one (<paramref name="stopBefore"/>).</summary>
    private bool FireDue(List<FiredStep> fired, Func<ScenarioStep, bool>? stopBefore)
    {
        while (!Done && IsDue(_scenario.Steps[_next]))
        {
            ScenarioStep step = _scenario.Steps[_next];
            if (stopBefore?.Invoke(step) == true)
            {
                return true;
            }

            (double? actual, bool passed) = step.Expect is ScenarioCheck check ? check.Evaluate(State) : (null, true);
            var happened = new FiredStep(step, _next, _machine.NowNs, actual, passed);
            _history.Add(happened);
            fired.Add(happened);
            _next++;
            Apply(step.Action);
            _previousNs = _machine.NowNs;
            _since = State.Progress;
        }

        return false;
    }

    private bool IsDue(ScenarioStep step) => step.Trigger switch
    {
        AtTrigger at => _machine.NowNs >= at.TimeNs,
        AfterTrigger after => _machine.NowNs >= _previousNs + after.DelayNs,
        WhenTrigger condition => _machine.NowNs % CheckIntervalNs == 0 && condition.Condition.Holds(State, _since),
        _ => true,
    };

    /// <summary>How long until the pending step could be due: its time, or the next check of its condition.</summary>
    private long UntilNextLook()
    {
        long now = _machine.NowNs;
        long until = Pending?.Trigger switch
        {
            AtTrigger at => at.TimeNs - now,
            AfterTrigger after => _previousNs + after.DelayNs - now,
            WhenTrigger => CheckIntervalNs - (now % CheckIntervalNs),
            _ => long.MaxValue,
        };
        return Math.Max(1, until);
    }

    private void Apply(ScenarioAction? action)
    {
        switch (action)
        {
            case CommandAction command:
                _machine.Enqueue(command.Command);
                break;
            case RestartAction restart:
                _startedBefore += _machine.MigrationsStarted;
                _subscription.Dispose();
                _machine = new GuestMachine(restart.Options);
                _subscription = _machine.Events.Subscribe(OnEvent);
                break;
            default:
                break;
        }
    }

    private void OnEvent(SimEvent simEvent)
    {
        if (simEvent is Workloads.WorkloadPhaseChanged phase)
        {
            _phases.Add(phase.Phase);
        }

        if (simEvent is MigrationEnded ended)
        {
            _ended++;
            if (ended.Result.Outcome == MigrationOutcome.Completed)
            {
                _completed.Add(ended.Result);
            }
        }
    }
}
