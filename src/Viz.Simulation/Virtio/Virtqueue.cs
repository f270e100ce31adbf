using Viz.Simulation.Core;

namespace Viz.Simulation.Virtio;

/// <summary>
/// One virtqueue: a bounded ring of descriptors. The driver adds buffers (messages) and kicks; the device pops them
/// in order, handles them and returns them as used, which frees their descriptors and interrupts the driver.
/// Every add and every use is published as an event.
/// </summary>
public sealed class Virtqueue
{
    private readonly Queue<VirtqueueMessage> _available = new();
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private readonly IUsedBufferSink? _used;

    /// <summary>
    /// Creates queue <paramref name="kind"/> called <paramref name="name"/> at <paramref name="index"/> with
    /// <paramref name="size"/> descriptors; used buffers go to <paramref name="used"/> (none: nobody is interrupted).
    /// </summary>
    public Virtqueue(VirtqueueKind kind, string name, int index, int size, EventScheduler clock, EventBus events, IUsedBufferSink? used)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Kind = kind;
        Name = name;
        Index = index;
        Size = size;
        FreeDescriptors = size;
        _clock = clock;
        _events = events;
        _used = used;
    }

    /// <summary>Which of the balloon's queues this is.</summary>
    public VirtqueueKind Kind { get; }

    /// <summary>The queue's name (inflateq, deflateq, statsq, free_page_vq, reporting_vq).</summary>
    public string Name { get; }

    /// <summary>Its index among the queues that exist (absent features take no index).</summary>
    public int Index { get; }

    /// <summary>Descriptors in the ring.</summary>
    public int Size { get; }

    /// <summary>Descriptors not in use (vq->num_free).</summary>
    public int FreeDescriptors { get; private set; }

    /// <summary>Buffers added and not yet popped by the device.</summary>
    public int Pending => _available.Count;

    /// <summary>Buffers added so far.</summary>
    public long Added { get; private set; }

    /// <summary>Adds a buffer if enough descriptors are free (virtqueue_add_*: -ENOSPC otherwise); returns whether it was added.</summary>
    public bool TryAdd(VirtqueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Descriptors > FreeDescriptors)
        {
            return false;
        }

        FreeDescriptors -= message.Descriptors;
        _available.Enqueue(message);
        Added++;
        _events.Publish(new VirtqueueBufferAdded(_clock.NowNs, Name, message));
        return true;
    }

    /// <summary>The device takes the next buffer (virtqueue_pop), or null.</summary>
    public VirtqueueMessage? Pop() => _available.TryDequeue(out VirtqueueMessage? message) ? message : null;

    /// <summary>The device returns a popped buffer (virtqueue_push + notify): its descriptors are free again.</summary>
    public void Use(VirtqueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        FreeDescriptors += message.Descriptors;
        _events.Publish(new VirtqueueBufferUsed(_clock.NowNs, Name, message));
        _used?.OnBufferUsed(this, message);
    }
}
