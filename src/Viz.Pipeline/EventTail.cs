using System.Collections.Immutable;
using Viz.Simulation.Core;

namespace Viz.Pipeline;

/// <summary>
/// Keeps the last <see cref="Capacity"/> events of a simulation in a ring, on the simulation's thread, and copies them
/// out for a frame. A reader that falls further behind than the ring holds sees a gap in the sequence numbers.
/// </summary>
public sealed class EventTail
{
    private readonly LoggedEvent[] _ring;
    private long _published;

    /// <summary>A ring for the last <paramref name="capacity"/> events.</summary>
    public EventTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new LoggedEvent[capacity];
    }

    /// <summary>How many events the ring keeps.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Events added so far.</summary>
    public long Published => _published;

    /// <summary>Adds one event.</summary>
    public void Add(SimEvent simEvent)
    {
        _published++;
        _ring[(int)(_published % _ring.Length)] = new LoggedEvent(_published, simEvent);
    }

    /// <summary>The events kept, oldest first.</summary>
    public ImmutableArray<LoggedEvent> Snapshot()
    {
        int kept = (int)Math.Min(_published, _ring.Length);
        ImmutableArray<LoggedEvent>.Builder builder = ImmutableArray.CreateBuilder<LoggedEvent>(kept);
        for (long sequence = _published - kept + 1; sequence <= _published; sequence++)
        {
            builder.Add(_ring[(int)(sequence % _ring.Length)]);
        }

        return builder.MoveToImmutable();
    }
}
