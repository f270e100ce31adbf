using Viz.Simulation.Machine;
using Viz.Simulation.Scenarios;

namespace Viz.Pipeline;

/// <summary>One thing a recorded session did, at the simulated time (since the guest's latest boot) it took effect.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Command">A command the guest applied, if that is what it was.</param>
/// <param name="Restart">The options of a fresh boot, if that is what it was.</param>
/// <param name="View">A change of what was shown (speed, pause), if that is what it was.</param>
public sealed record RecordedStep(long TimeNs, ISimCommand? Command = null, SimulationOptions? Restart = null, ViewAction? View = null);

/// <summary>
/// Records a visualizer session for replay: every command the guest applied, at the simulated time it applied it (from
/// the machine's own <see cref="CommandApplied"/> events, so the time is exact), every restart, and the speed and
/// pause changes; and the guest the session ended with, whose state hash the recording keeps. The simulation's thread
/// adds commands and restarts, the UI's thread view changes.
/// </summary>
public sealed class SessionRecorder : IDisposable
{
    private readonly List<RecordedStep> _steps = [];
    private readonly Lock _lock = new();
    private IDisposable? _subscription;
    private GuestMachine? _machine;
    private long _beforeNs;

    /// <summary>The guest recorded now (the newest, after a restart).</summary>
    public GuestMachine? Machine => _machine;

    /// <summary>Simulated time the session ran in all, across restarts (read when the simulation stands still).</summary>
    public long ElapsedNs => _beforeNs + (_machine?.NowNs ?? 0);

    /// <summary>What the session did, in order.</summary>
    public IReadOnlyList<RecordedStep> Steps
    {
        get
        {
            lock (_lock)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Records <paramref name="machine"/> from now on (the first guest, or the guest a restart booted).</summary>
    public void Attach(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _subscription?.Dispose();
        _machine = machine;
        _subscription = machine.Events.Subscribe(e =>
        {
            if (e is CommandApplied { Command: ISimCommand command } applied)
            {
                Add(new RecordedStep(applied.TimeNs, Command: command));
            }
        });
    }

    /// <summary>The guest was thrown away for a fresh boot with <paramref name="options"/>, at its time <paramref name="timeNs"/>.</summary>
    public void Restarted(long timeNs, SimulationOptions options, GuestMachine machine)
    {
        Add(new RecordedStep(timeNs, Restart: options));
        _beforeNs += timeNs;
        Attach(machine);
    }

    /// <summary>What was shown changed (speed, pause), at about the guest's time now.</summary>
    public void Viewed(ViewAction view) => Add(new RecordedStep(_machine?.NowNs ?? 0, View: view));

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    private void Add(RecordedStep step)
    {
        lock (_lock)
        {
            _steps.Add(step);
        }
    }
}
