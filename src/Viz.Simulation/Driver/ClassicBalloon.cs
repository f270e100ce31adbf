using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The classic balloon of the Linux virtio-balloon driver (drivers/virtio/virtio_balloon.c): update_balloon_size_func
/// with fill_balloon and leak_balloon, 256 PFNs per message, always telling the host before reusing deflated pages.
/// </summary>
public sealed class ClassicBalloon
{
    /// <summary>VIRTIO_BALLOON_ARRAY_PFNS_MAX: PFNs per inflate or deflate message.</summary>
    public const int ArrayPfnsMax = 256;

    /// <summary>fill_balloon sleeps 200 ms ("Out of puff!") when an allocation fails.</summary>
    public const long OutOfPuffSleepNs = 200 * SimDuration.NsPerMs;

    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;

    // The balloon's page list (balloon_dev_info.pages): balloon_page_enqueue adds at the head and
    // balloon_page_dequeue takes from the head, so the last page inflated is the first deflated.
    private readonly Stack<int> _balloon = new();

    // tell_host sleeps until the device has used its buffer (wait_event on vb->acked): what it does next waits here.
    private Action? _afterAck;
    private List<int>? _sleepingFill;
    private bool _updateQueued;
    private bool _updateRunning;
    private bool _stopped;

    /// <summary>The balloon of a driver bound to <paramref name="device"/>.</summary>
    public ClassicBalloon(GuestKernel kernel, BalloonDevice device, EventScheduler clock, EventBus events)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>vb->num_pages: pages in the balloon as the driver counts them.</summary>
    public int Pages => _balloon.Count;

    /// <summary>towards_target: num_pages minus the pages in the balloon (4 KiB guest pages: no alignment needed).</summary>
    public long TowardsTarget => (long)_device.Config.NumPages - _balloon.Count;

    /// <summary>The config changed: queue update_balloon_size_func, unless it is queued or updates are stopped.</summary>
    public void QueueUpdate()
    {
        if (_updateQueued || _stopped)
        {
            return;
        }

        _updateQueued = true;
        _clock.ScheduleAfter(0, () => _kernel.OnVcpu(UpdateBalloonSize));
    }

    /// <summary>balloon_ack: the device used an inflate or deflate buffer; the waiting tell_host continues.</summary>
    public void OnAck()
    {
        Action? next = _afterAck;
        _afterAck = null;
        next?.Invoke();
    }

    /// <summary>
    /// Driver removal: stop updates (vb->stop_update), let a fill_balloon asleep after "Out of puff!" finish
    /// (cancel_work_sync waits for it), deflate the whole balloon telling the host, and write actual 0. The device must
    /// answer at once (the caller runs this synchronously).
    /// </summary>
    public void StopAndDeflate()
    {
        _stopped = true;
        if (_sleepingFill is not null)
        {
            TellHostInflate(_sleepingFill);
        }

        while (_balloon.Count > 0)
        {
            Leak(_balloon.Count, then: null);
        }

        _device.Config.SetActual(0);
    }

    /// <summary>
    /// Deflates up to <paramref name="count"/> pages at once (the device must answer at once) and writes actual; returns
    /// the pages given back. The target stays.
    /// </summary>
    public int DeflateNow(int count)
    {
        int freed = Leak(count, then: null);
        _device.Config.SetActual((uint)_balloon.Count);
        return freed;
    }

    /// <summary>
    /// update_balloon_size_func: one fill_balloon or leak_balloon batch towards the target, then actual is written and
    /// the work requeues itself while a difference remains.
    /// </summary>
    private void UpdateBalloonSize()
    {
        _updateQueued = false;
        if (_updateRunning || _stopped)
        {
            return;
        }

        long diff = TowardsTarget;
        if (diff == 0)
        {
            return;
        }

        _updateRunning = true;
        if (diff > 0)
        {
            Fill((int)Math.Min(diff, ArrayPfnsMax));
        }
        else
        {
            Leak((int)Math.Min(-diff, ArrayPfnsMax), then: AfterBatch);
        }
    }

    /// <summary>
    /// fill_balloon: allocate up to <paramref name="count"/> pages (movable, __GFP_NORETRY, no reserves); on a failure
    /// log "Out of puff!" and sleep 200 ms; then send the PFNs on inflateq and wait for the ack.
    /// </summary>
    private void Fill(int count)
    {
        List<int> pfns = new(count);
        while (pfns.Count < count)
        {
            int pfn = _kernel.Allocate(0, AllocMode.NoRetry, "balloon", PageState.Ballooned);
            if (pfn < 0)
            {
                break;
            }

            pfns.Add(pfn);
        }

        bool outOfPuff = pfns.Count < count;
        if (outOfPuff)
        {
            _events.Publish(new DriverMessage(_clock.NowNs, "Out of puff! Can't get 1 pages"));
        }

        _sleepingFill = pfns;
        _clock.ScheduleAfter(outOfPuff ? OutOfPuffSleepNs : 0, () => _kernel.OnVcpu(() => TellHostInflate(pfns)));
    }

    private void TellHostInflate(List<int> pfns)
    {
        if (_sleepingFill != pfns)
        {
            return;
        }

        _sleepingFill = null;
        if (pfns.Count == 0)
        {
            AfterBatch();
            return;
        }

        // fill_balloon pops the pages from its local list (pushed at the head), so the PFN array is in reverse order
        // of allocation; the pages are enqueued on the balloon in that order.
        pfns.Reverse();
        foreach (int pfn in pfns)
        {
            _balloon.Push(pfn);
        }

        TellHost(VirtqueueKind.Inflate, pfns, AfterBatch);
    }

    /// <summary>
    /// leak_balloon: take up to <paramref name="count"/> pages off the balloon, send their PFNs on deflateq, wait for
    /// the ack, and only then free them (always tell-first; required with MUST_TELL_HOST). Returns the pages taken.
    /// </summary>
    private int Leak(int count, Action? then)
    {
        int take = Math.Min(Math.Min(count, ArrayPfnsMax), _balloon.Count);
        List<int> pfns = new(take);
        for (int i = 0; i < take; i++)
        {
            pfns.Add(_balloon.Pop());
        }

        if (take == 0)
        {
            then?.Invoke();
            return 0;
        }

        TellHost(VirtqueueKind.Deflate, pfns, () =>
        {
            foreach (int pfn in pfns)
            {
                _kernel.Free(pfn, 0, PageState.Ballooned);
            }

            then?.Invoke();
        });
        return take;
    }

    /// <summary>tell_host: one out buffer of PFNs, kick, wait for the device to use it.</summary>
    private void TellHost(VirtqueueKind kind, List<int> pfns, Action afterAck)
    {
        _afterAck = afterAck;
        _device.Queue(kind)!.TryAdd(new PfnArrayMessage(pfns.ToArray()));
        _device.Kick(kind);
    }

    /// <summary>update_balloon_size writes actual; the work requeues itself while the target is not reached.</summary>
    private void AfterBatch()
    {
        _updateRunning = false;
        _device.Config.SetActual((uint)_balloon.Count);
        if (TowardsTarget != 0)
        {
            QueueUpdate();
        }
    }
}
