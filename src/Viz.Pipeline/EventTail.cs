using System.Collections.Immutable;
using Viz.Simulation.Core;
using Viz.Simulation.Host;

namespace Viz.Pipeline;

/// <summary>
/// Keeps a simulation's latest events on the simulation's thread and copies them out for a frame, in two rings: the key
/// events a reader must not miss (migration, OOM, commands, features, poison checks, workload phases, the hint and
/// reporting states) and the trace (virtqueue buffers, hints received, alloc and free bursts, discards, reclaim, swap),
/// which can come by the thousand a second. A reader that falls behind loses trace events first: a gap in the sequence
/// numbers says how many.
/// </summary>
public sealed class EventTail
{
    private static readonly HashSet<string> TraceKinds = new(StringComparer.Ordinal) { "vq", "alloc", "free", "discard", "reclaim", "refault", "swap" };

    private readonly Ring _key;
    private readonly Ring _trace;
    private long _published;

    /// <summary>Rings for the last <paramref name="capacity"/> key events and as many trace events.</summary>
    public EventTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _key = new Ring(capacity);
        _trace = new Ring(capacity);
    }

    /// <summary>How many events of each ring it keeps.</summary>
    public int Capacity => _key.Capacity;

    /// <summary>Events added so far.</summary>
    public long Published => _published;

    /// <summary>Whether <paramref name="simEvent"/> is trace (kept while there is room) rather than a key event.</summary>
    public static bool IsTrace(SimEvent simEvent) =>
        simEvent is HintReceived || TraceKinds.Contains(simEvent?.Kind ?? throw new ArgumentNullException(nameof(simEvent)));

    /// <summary>Adds one event.</summary>
    public void Add(SimEvent simEvent)
    {
        _published++;
        (IsTrace(simEvent) ? _trace : _key).Add(new LoggedEvent(_published, simEvent));
    }

    /// <summary>The events kept, oldest first.</summary>
    public ImmutableArray<LoggedEvent> Snapshot()
    {
        ImmutableArray<LoggedEvent>.Builder builder = ImmutableArray.CreateBuilder<LoggedEvent>(_key.Count + _trace.Count);
        builder.AddRange(_key.Items());
        builder.AddRange(_trace.Items());
        builder.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return builder.MoveToImmutable();
    }

    /// <summary>A ring of the last events of one kind of importance.</summary>
    private sealed class Ring(int capacity)
    {
        private readonly LoggedEvent[] _items = new LoggedEvent[capacity];
        private long _added;

        public int Capacity => _items.Length;

        public int Count => (int)Math.Min(_added, _items.Length);

        public void Add(LoggedEvent logged) => _items[(int)(_added++ % _items.Length)] = logged;

        public IEnumerable<LoggedEvent> Items()
        {
            for (long i = _added - Count; i < _added; i++)
            {
                yield return _items[(int)(i % _items.Length)];
            }
        }
    }
}
