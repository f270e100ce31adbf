using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The Linux virtio-balloon driver (drivers/virtio/virtio_balloon.c) bound to one device: probe and removal, the
/// config interrupt, the classic balloon (update_balloon_size_func with fill_balloon and leak_balloon, 256 PFNs per
/// message, always telling the host before reusing deflated pages), deflate-on-OOM through the OOM notifier, the
/// statistics queue, and, by feature, free page hinting and the page reporting device.
/// </summary>
public sealed class BalloonDriver : IOomNotifier, IPageReportingDevice
{
    /// <summary>VIRTIO_BALLOON_ARRAY_PFNS_MAX: PFNs per inflate or deflate message.</summary>
    public const int ArrayPfnsMax = 256;

    /// <summary>VIRTIO_BALLOON_OOM_NR_PAGES: pages the OOM notifier deflates per call (1 MiB).</summary>
    public const int OomPages = 256;

    /// <summary>fill_balloon sleeps 200 ms ("Out of puff!") when an allocation fails.</summary>
    public const long OutOfPuffSleepNs = 200 * SimDuration.NsPerMs;

    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;

    // The balloon's page list (balloon_dev_info.pages): balloon_page_enqueue adds at the head and
    // balloon_page_dequeue takes from the head, so the last page inflated is the first deflated.
    private readonly Stack<int> _balloon = new();
    private Action? _afterBalloonAck;
    private List<int>? _sleepingFill;
    private Action<bool>? _afterReportAck;
    private bool _updateQueued;
    private bool _updateRunning;
    private bool _stopUpdate;

    /// <summary>Creates the driver for <paramref name="device"/>; <see cref="Probe"/> binds it.</summary>
    public BalloonDriver(GuestKernel kernel, BalloonDevice device, EventScheduler clock, EventBus events)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The device.</summary>
    public BalloonDevice Device => _device;

    /// <summary>Whether probe succeeded.</summary>
    public bool Bound { get; private set; }

    /// <summary>vb->num_pages: pages in the balloon as the driver counts them.</summary>
    public int BalloonPages => _balloon.Count;

    /// <summary>The free page hinting part, when FREE_PAGE_HINT was negotiated.</summary>
    public FreePageHintingDriver? Hinting { get; private set; }

    /// <summary>The page reporting worker, when REPORTING was negotiated.</summary>
    public PageReportingWorker? Reporting { get; private set; }

    /// <summary>Pages the OOM notifier gave back.</summary>
    public long OomDeflatedPages { get; private set; }

    /// <summary>
    /// virtballoon_probe: prime statsq, set up hinting (shrinker), write poison_val, register the OOM notifier, check
    /// reporting_vq and register page reporting, DRIVER_OK, and start inflating if the target is already set. Returns
    /// false when probe fails (reporting_vq smaller than 32: -ENOSPC).
    /// </summary>
    public bool Probe()
    {
        Virtqueue? reporting = _device.Queue(VirtqueueKind.Reporting);
        if (reporting is not null && reporting.Size < PageReportingWorker.Capacity)
        {
            _events.Publish(new DriverMessage(_clock.NowNs, $"probe failed: reporting_vq has {reporting.Size} entries, page reporting needs {PageReportingWorker.Capacity} (-ENOSPC)"));
            return false;
        }

        _device.Queue(VirtqueueKind.Inflate)!.OnUsed = _ => BalloonAck();
        _device.Queue(VirtqueueKind.Deflate)!.OnUsed = _ => BalloonAck();
        if (_device.Queue(VirtqueueKind.Stats) is Virtqueue stats)
        {
            // init_vqs primes statsq with one buffer so the device can use it to ask for a refresh.
            stats.OnUsed = _ => _clock.ScheduleAfter(0, () => _kernel.OnVcpu(SendStats));
            SendStats();
        }

        if (_device.Has(BalloonFeatures.FreePageHint))
        {
            Hinting = new FreePageHintingDriver(_kernel, _device, _clock, _events);
            _kernel.AddReclaimable(Hinting);
        }

        if (_device.Has(BalloonFeatures.PagePoison))
        {
            // poison_val: 0 for init_on_free ("general init"), else PAGE_POISON replicated into 32 bits.
            _device.WritePoisonVal(_kernel.PoisonValue ?? 0);
        }

        if (_device.Has(BalloonFeatures.DeflateOnOom))
        {
            _kernel.AddOomNotifier(this);
        }

        if (reporting is not null)
        {
            reporting.OnUsed = _ => ReportAck();
            Reporting = new PageReportingWorker(_kernel, this, _clock, _events);
            Reporting.Register();
        }

        _device.OnConfigChange = Changed;
        Bound = true;
        if (TowardsTarget() != 0)
        {
            Changed();
        }

        return true;
    }

    /// <summary>
    /// virtballoon_remove: unregister reporting, the OOM notifier and the shrinker, stop balloon updates, deflate the
    /// whole balloon (telling the host), give back the hinted blocks, reset the device. The device answers at once
    /// so that a running report pass can finish, as cancel_delayed_work_sync waits for it.
    /// </summary>
    public void Remove()
    {
        if (!Bound)
        {
            _device.Reset();
            return;
        }

        _device.RunSynchronously(() =>
        {
            Reporting?.Unregister();
            _kernel.RemoveOomNotifier(this);
            if (Hinting is not null)
            {
                _kernel.RemoveReclaimable(Hinting);
            }

            _stopUpdate = true;

            // cancel_work_sync waits for a fill_balloon asleep after "Out of puff!": its pages reach the balloon first.
            if (_sleepingFill is not null)
            {
                TellHostInflate(_sleepingFill);
            }

            while (_balloon.Count > 0)
            {
                Leak(_balloon.Count, then: null);
            }

            _device.Config.SetActual(0);
            Hinting?.Remove();
        });
        _device.Reset();
        Bound = false;
    }

    /// <summary>
    /// virtio_balloon_oom_notify: deflate up to 256 pages (telling the host first) and update actual. The target stays,
    /// so the balloon stays below it until the host sets a new one. The notifier cannot wait on the clock: the device
    /// answers at once and the round trip is charged to the guest.
    /// </summary>
    public long OnOutOfMemory()
    {
        long freed = 0;
        _device.RunSynchronously(() =>
        {
            freed = Leak(OomPages, then: null);
            _device.Config.SetActual((uint)_balloon.Count);
        });
        if (freed > 0)
        {
            OomDeflatedPages += freed;
            _kernel.ChargeStall(_device.RoundTripNs);
            _events.Publish(new DriverMessage(_clock.NowNs, $"out of memory: deflated {freed} pages"));
        }

        return freed;
    }

    /// <summary>
    /// virtballoon_free_page_report: the batch as one chain of in buffers on reporting_vq, kick, and wait for the
    /// device (balloon_ack).
    /// </summary>
    public void Report(IReadOnlyList<FreeBlock> blocks, Action<bool> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        Virtqueue queue = _device.Queue(VirtqueueKind.Reporting)!;
        if (!queue.TryAdd(new ReportMessage(blocks)))
        {
            // WARN_ON_ONCE(err): the caller drains the batch without marking it.
            completed(false);
            return;
        }

        _afterReportAck = completed;
        _device.Kick(VirtqueueKind.Reporting);
    }

    /// <summary>virtballoon_changed: unless updates are stopped, queue the balloon size work and the hint work.</summary>
    private void Changed()
    {
        if (_stopUpdate)
        {
            return;
        }

        QueueUpdate();
        Hinting?.OnConfigChange();
    }

    /// <summary>towards_target: num_pages minus the pages in the balloon (4 KiB guest pages: no alignment needed).</summary>
    private long TowardsTarget() => (long)_device.Config.NumPages - _balloon.Count;

    private void QueueUpdate()
    {
        if (_updateQueued || _stopUpdate)
        {
            return;
        }

        _updateQueued = true;
        _clock.ScheduleAfter(0, () => _kernel.OnVcpu(UpdateBalloonSize));
    }

    /// <summary>
    /// update_balloon_size_func: one fill_balloon or leak_balloon batch towards the target, then actual is written and
    /// the work requeues itself while a difference remains.
    /// </summary>
    private void UpdateBalloonSize()
    {
        _updateQueued = false;
        if (_updateRunning || _stopUpdate)
        {
            return;
        }

        long diff = TowardsTarget();
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
        _afterBalloonAck = afterAck;
        _device.Queue(kind)!.TryAdd(new PfnArrayMessage(pfns.ToArray()));
        _device.Kick(kind);
    }

    /// <summary>balloon_ack: the waiting tell_host continues.</summary>
    private void BalloonAck()
    {
        Action? next = _afterBalloonAck;
        _afterBalloonAck = null;
        next?.Invoke();
    }

    private void ReportAck()
    {
        Action<bool>? next = _afterReportAck;
        _afterReportAck = null;
        next?.Invoke(true);
    }

    /// <summary>update_balloon_size writes actual; the work requeues itself while the target is not reached.</summary>
    private void AfterBatch()
    {
        _updateRunning = false;
        _device.Config.SetActual((uint)_balloon.Count);
        if (TowardsTarget() != 0)
        {
            QueueUpdate();
        }
    }

    /// <summary>stats_handle_request / update_balloon_stats: fresh figures in an out buffer on statsq.</summary>
    private void SendStats()
    {
        if (_stopUpdate)
        {
            return;
        }

        long managed = _kernel.Memory.PageCount - _kernel.Memory.CountOf(PageState.Kernel);

        // Without DEFLATE_ON_OOM every inflated page also leaves the managed total (adjust_managed_page_count).
        long total = _device.Has(BalloonFeatures.DeflateOnOom) ? managed : managed - _balloon.Count;
        long free = _kernel.Allocator.FreePages;
        BalloonStat[] stats =
        [
            new(BalloonStatTag.SwapIn, 0),
            new(BalloonStatTag.SwapOut, 0),
            new(BalloonStatTag.MemFree, (ulong)(free * KernelConstants.PageSize)),
            new(BalloonStatTag.MemTotal, (ulong)(total * KernelConstants.PageSize)),
            // MemAvailable approximated as free plus page cache (si_mem_available also subtracts reserves).
            new(BalloonStatTag.Available, (ulong)((free + _kernel.PageCache.Pages) * KernelConstants.PageSize)),
            new(BalloonStatTag.Caches, (ulong)(_kernel.PageCache.Pages * KernelConstants.PageSize)),
        ];
        if (_device.Queue(VirtqueueKind.Stats)!.TryAdd(new StatsMessage(stats)))
        {
            _device.Kick(VirtqueueKind.Stats);
        }
    }
}
