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
    private readonly List<FiredStep> _history = [];
    private readonly GuestTrack _first;
    private readonly GuestTrack? _second;
    private readonly HostMachine? _host;
    private readonly List<GuestTrack> _others = [];
    private int _next;
    private long _previousNs;
    private ScenarioProgress _since;

    /// <summary>
    /// Runs <paramref name="scenario"/> against <paramref name="machine"/>, which must be its guest fresh from boot, and,
    /// side by side, against <paramref name="second"/>, the scenario's second guest fresh from boot.
    /// </summary>
    public ScenarioTimeline(Scenario scenario, GuestMachine machine, GuestMachine? second = null)
    {
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _first = new GuestTrack(machine ?? throw new ArgumentNullException(nameof(machine)));
        _second = second is null ? null : new GuestTrack(second);
        _since = State.Progress;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> against <paramref name="host"/>'s guests, fresh from boot: every step acts on them
    /// all, the figures are the first guest's and the host's.
    /// </summary>
    public ScenarioTimeline(Scenario scenario, HostMachine host)
        : this(scenario, (host ?? throw new ArgumentNullException(nameof(host))).Guests[0])
    {
        _host = host;
        _others.AddRange(host.Guests.Skip(1).Select(g => new GuestTrack(g)));
    }

    /// <summary>The guest now: a restart step replaces it.</summary>
    public GuestMachine Machine => _first.Machine;

    /// <summary>Side by side: the second guest now; null otherwise.</summary>
    public GuestMachine? SecondMachine => _second?.Machine;

    /// <summary>What the figures are read from now.</summary>
    public ScenarioState State => _first.State(_second?.State(null));

    private long Now => _first.Machine.NowNs;

    /// <summary>Every step that has happened, in order.</summary>
    public IReadOnlyList<FiredStep> History => _history;

    /// <summary>Whether every step has happened.</summary>
    public bool Done => _next >= _scenario.Steps.Count;

    /// <summary>The step that has not happened yet and is next, if any.</summary>
    public ScenarioStep? Pending => Done ? null : _scenario.Steps[_next];

    /// <summary>Simulated time since the step before the pending one happened (how long it has waited).</summary>
    public long WaitedNs => Now - _previousNs;

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
            if (_host is HostMachine host)
            {
                host.Step(step);
            }
            else
            {
                _first.Machine.Step(step);
                _second?.Machine.Step(step);
            }

            left -= step;
            ElapsedNs += step;
        }
    }

    /// <summary>The state hash of what the timeline runs: the guest's, or the host's with all its guests.</summary>
    public ulong StateHash() => _host?.StateHash() ?? _first.Machine.StateHash();

    /// <summary>
    /// A fresh boot from outside the timeline (the visualizer's x, g, v during a demo): the guest, and side by side the
    /// second guest with its change, boot with <paramref name="options"/>; the steps go on against the new guests.
    /// </summary>
    public void Restart(SimulationOptions options) => Apply(new RestartAction(options, "restart"));

    /// <inheritdoc/>
    public void Dispose()
    {
        _first.Dispose();
        _second?.Dispose();
        _others.ForEach(other => other.Dispose());
    }

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
            var happened = new FiredStep(step, _next, Now, actual, passed);
            _history.Add(happened);
            fired.Add(happened);
            _next++;
            Apply(step.Action);
            _previousNs = Now;
            _since = State.Progress;
        }

        return false;
    }

    private bool IsDue(ScenarioStep step) => step.Trigger switch
    {
        AtTrigger at => Now >= at.TimeNs,
        AfterTrigger after => Now >= _previousNs + after.DelayNs,
        WhenTrigger condition => Now % CheckIntervalNs == 0 && condition.Condition.Holds(State, _since),
        _ => true,
    };

    /// <summary>How long until the pending step could be due: its time, or the next check of its condition.</summary>
    private long UntilNextLook()
    {
        long now = Now;
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
            case CommandAction { Guest: int guest } command when _host is not null:
                _host.Guests[guest].Enqueue(command.Command);
                break;
            case CommandAction command:
                _first.Machine.Enqueue(command.Command);
                _second?.Machine.Enqueue(command.Command);
                _others.ForEach(other => other.Machine.Enqueue(command.Command));
                break;
            case RestartAction when _host is not null:
                throw new InvalidOperationException("a scenario of several guests on one host has no restart");
            case RestartAction restart:
                _first.Reboot(restart.Options);
                _second?.Reboot(_scenario.Versus!.Change(restart.Options));
                break;
            default:
                break;
        }
    }

    /// <summary>One guest of the timeline and what it has done, counted across its restarts.</summary>
    private sealed class GuestTrack : IDisposable
    {
        private readonly List<MigrationResult> _completed = [];
        private readonly List<string> _phases = [];
        private IDisposable _subscription;
        private int _startedBefore;
        private int _ended;

        public GuestTrack(GuestMachine machine)
        {
            Machine = machine;
            _subscription = machine.Events.Subscribe(OnEvent);
        }

        public GuestMachine Machine { get; private set; }

        public ScenarioState State(ScenarioState? other) =>
            new(Machine, _completed, _startedBefore + Machine.MigrationsStarted, _ended, _phases, other);

        public void Reboot(SimulationOptions options)
        {
            _startedBefore += Machine.MigrationsStarted;
            _subscription.Dispose();
            Machine = new GuestMachine(options);
            _subscription = Machine.Events.Subscribe(OnEvent);
        }

        public void Dispose() => _subscription.Dispose();

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
}
