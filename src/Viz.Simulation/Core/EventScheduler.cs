
namespace Viz.Simulation.Core;

/// <summary>
/// The discrete-event queue on the virtual clock. Events run in time order; events at the same time run in
/// the order they were scheduled, which keeps runs deterministic.
/// </summary>
public sealed class EventScheduler
{
    private readonly PriorityQueue<Action, (long TimeNs, long Sequence)> _queue = new();
    private long _sequence;

    /// <summary>The virtual time in nanoseconds.</summary>
    public long NowNs { get; private set; }

    /// <summary>Number of events waiting.</summary>
    public int Pending => _queue.Count;

    /// <summary>Runs <paramref name="action"/> at virtual time <paramref name="timeNs"/> (not before now).</summary>
    public void ScheduleAt(long timeNs, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _queue.Enqueue(action, (Math.Max(timeNs, NowNs), _sequence++));
    }

    /// <summary>Runs <paramref name="action"/> <paramref name="delayNs"/> nanoseconds from now.</summary>
    public void ScheduleAfter(long delayNs, Action action) => ScheduleAt(NowNs + Math.Max(0, delayNs), action);

    /// <summary>
    /// Runs every event due at or before <paramref name="timeNs"/>, advancing the clock to each event's time,
    /// then sets the clock to <paramref name="timeNs"/>.
    /// </summary>
    public void RunUntil(long timeNs)
    {
        while (_queue.TryPeek(out Action? action, out (long TimeNs, long Sequence) due) && due.TimeNs <= timeNs)
        {
            _queue.Dequeue();
            NowNs = due.TimeNs;
            action();
        }

        NowNs = Math.Max(NowNs, timeNs);
    }
}
