using Viz.Simulation.Core;

namespace Viz.Simulation.Virtio;

/// <summary>
/// One virtio-balloon device instance between a guest driver and the host backend: the negotiated features, the
/// config space, and the virtqueues. Both sides number queues consecutively in the spec's order with absent ones taking
/// no index, but from different feature sets: QEMU's realize from the features the device offers (and statsq always),
/// Linux's init_vqs from the ones negotiated. Where they differ the driver's queue lands on another queue of the device
/// (<see cref="VirtqueueIndexMismatch"/>), whose handler then gets the driver's buffers. A kick hands the queue's buffers
/// to the backend after the notification latency; each used buffer reaches the driver after the interrupt latency.
/// </summary>
public sealed class BalloonDevice : IUsedBufferSink
{
    private readonly Dictionary<VirtqueueKind, Virtqueue> _queues = [];
    private readonly List<Virtqueue> _byIndex = [];
    private readonly Dictionary<VirtqueueKind, Virtqueue> _driverQueues = [];
    private readonly Dictionary<int, VirtqueueKind> _driverKindAt = [];
    private readonly List<VirtqueueIndexMismatch> _indexMismatches = [];
    private readonly HashSet<Virtqueue> _kickScheduled = [];
    private readonly List<InFlight> _inFlight = [];
    private readonly EventScheduler _clock;
    private readonly TransportCosts _costs;
    private int _synchronous;
    private IVirtioDriver? _driver;

    /// <summary>Creates the device after negotiation.</summary>
    public BalloonDevice(DeviceProperties properties, NegotiationResult negotiation, IBalloonDeviceBackend backend, TransportCosts costs, EventScheduler clock, EventBus events)
    {
        Properties = properties ?? throw new ArgumentNullException(nameof(properties));
        Negotiation = negotiation ?? throw new ArgumentNullException(nameof(negotiation));
        Backend = backend ?? throw new ArgumentNullException(nameof(backend));
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Config = new BalloonConfig(clock, events);
        // virtio_balloon_device_realize adds inflateq, deflateq and statsq always, free_page_vq and reporting_vq when the
        // device offers their features — whatever the driver later negotiates.
        BalloonFeatures offered = properties.Offered();
        AddQueue(VirtqueueKind.Inflate, "inflateq", DeviceProperties.ClassicQueueSize, events);
        AddQueue(VirtqueueKind.Deflate, "deflateq", DeviceProperties.ClassicQueueSize, events);
        AddQueue(VirtqueueKind.Stats, "statsq", DeviceProperties.ClassicQueueSize, events);
        if ((offered & BalloonFeatures.FreePageHint) != 0)
        {
            AddQueue(VirtqueueKind.FreePage, "free_page_vq", DeviceProperties.FreePageQueueSize, events);
        }

        if ((offered & BalloonFeatures.Reporting) != 0)
        {
            AddQueue(VirtqueueKind.Reporting, "reporting_vq", properties.ReportingQueueSize, events);
        }

        MapDriverQueues(events);
        Backend.Attach(this);
        RefreshHintCmdId();
    }

    /// <summary>The device properties it was created with.</summary>
    public DeviceProperties Properties { get; }

    /// <summary>The negotiation outcome.</summary>
    public NegotiationResult Negotiation { get; }

    /// <summary>The negotiated features.</summary>
    public BalloonFeatures Features => Negotiation.Negotiated;

    /// <summary>The host side.</summary>
    public IBalloonDeviceBackend Backend { get; }

    /// <summary>The config space.</summary>
    public BalloonConfig Config { get; }

    /// <summary>The queues the driver and the device number differently (empty when they agree).</summary>
    public IReadOnlyList<VirtqueueIndexMismatch> IndexMismatches => _indexMismatches;

    /// <summary>The device's queues, in index order.</summary>
    public IReadOnlyList<Virtqueue> Queues => _byIndex;

    /// <summary>Whether the device was reset; a reset device ignores kicks.</summary>
    public bool IsReset { get; private set; }

    /// <summary>A kick and its interrupt: what a driver waits when the device answers at once.</summary>
    public long RoundTripNs => _costs.KickNs + _costs.InterruptNs;

    /// <summary>
    /// The driver is ready (virtio_device_ready after probe): from now on config interrupts and used buffers reach it.
    /// </summary>
    public void BindDriver(IVirtioDriver driver) => _driver = driver ?? throw new ArgumentNullException(nameof(driver));

    /// <inheritdoc/>
    public void OnBufferUsed(Virtqueue queue, VirtqueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _driver?.OnBufferUsed(_driverKindAt.GetValueOrDefault(queue.Index, queue.Kind), message);
    }

    /// <summary>Whether <paramref name="feature"/> was negotiated.</summary>
    public bool Has(BalloonFeatures feature) => (Features & feature) == feature;

    /// <summary>
    /// The queue the driver uses as <paramref name="kind"/> (the device's queue at the index Linux's init_vqs gives it),
    /// or null when the driver did not negotiate its feature.
    /// </summary>
    public Virtqueue? Queue(VirtqueueKind kind) => _driverQueues.GetValueOrDefault(kind);

    /// <summary>The device's own queue of <paramref name="kind"/>, or null when realize did not add it.</summary>
    public Virtqueue? DeviceQueue(VirtqueueKind kind) => _queues.GetValueOrDefault(kind);

    /// <summary>
    /// The driver kicks <paramref name="kind"/>: the backend handles its buffers after the notification latency (at
    /// once while the device is being flushed).
    /// </summary>
    public void Kick(VirtqueueKind kind)
    {
        if (IsReset || Queue(kind) is not Virtqueue queue)
        {
            return;
        }

        if (_synchronous > 0)
        {
            ProcessQueue(queue);
            return;
        }

        if (_kickScheduled.Add(queue))
        {
            _clock.ScheduleAfter(_costs.KickNs, () =>
            {
                _kickScheduled.Remove(queue);
                ProcessQueue(queue);
            });
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the device answering at once: every kick is handled and every used buffer
    /// delivered before the kick returns, and buffers already in flight are delivered first. This is how a driver that
    /// sleeps until the device answers looks from the guest when it is called from a context that cannot wait on the
    /// simulated clock (the OOM notifier, driver removal); the time it takes is charged by the caller.
    /// </summary>
    public void RunSynchronously(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _synchronous++;
        try
        {
            foreach (Virtqueue queue in _byIndex)
            {
                ProcessQueue(queue);
            }

            DeliverInFlight();
            action();
        }
        finally
        {
            _synchronous--;
        }
    }

    /// <summary>The host writes num_pages and raises a config interrupt (virtio_balloon_to_target).</summary>
    public void SetTarget(uint numPages)
    {
        Config.SetNumPages(numPages);
        RaiseConfigInterrupt();
    }

    /// <summary>The device asks for fresh statistics: it returns the held buffer (balloon_stats_poll_cb).</summary>
    public void RequestStats()
    {
        Virtqueue? stats = DeviceQueue(VirtqueueKind.Stats);
        StatsMessage? held = Backend.TakeHeldStatsBuffer();
        if (stats is not null && held is not null && !IsReset)
        {
            stats.Use(held);
        }
    }

    /// <summary>
    /// The driver writes poison_val; the device stores it only if PAGE_POISON was negotiated, else 0
    /// (virtio_balloon_set_config).
    /// </summary>
    public void WritePoisonVal(uint value) => Config.SetPoisonVal(Has(BalloonFeatures.PagePoison) ? value : 0);

    /// <summary>
    /// Resets the device (virtio_balloon_device_reset: hint STOP, poison_val 0); it stops answering. Callers flush
    /// first so that nothing is left in flight.
    /// </summary>
    public void Reset()
    {
        Backend.Reset();
        Config.SetPoisonVal(0);
        IsReset = true;
    }

    private void AddQueue(VirtqueueKind kind, string name, int size, EventBus events)
    {
        var queue = new Virtqueue(kind, name, _byIndex.Count, size, _clock, events, this);
        _queues.Add(kind, queue);
        _byIndex.Add(queue);
    }

    /// <summary>
    /// init_vqs → virtio_find_vqs: inflate and deflate, then stats, free_page_vq and reporting_vq for the features
    /// negotiated, each taking the next index (vp_find_vqs skips the entries without a name). Each lands on the device's
    /// queue of that index; a different one is a mismatch, said once at probe.
    /// </summary>
    private void MapDriverQueues(EventBus events)
    {
        (VirtqueueKind Kind, BalloonFeatures Feature, string LinuxName)[] driverOrder =
        [
            (VirtqueueKind.Inflate, BalloonFeatures.None, "inflate"),
            (VirtqueueKind.Deflate, BalloonFeatures.None, "deflate"),
            (VirtqueueKind.Stats, BalloonFeatures.StatsVq, "stats"),
            (VirtqueueKind.FreePage, BalloonFeatures.FreePageHint, "free_page_vq"),
            (VirtqueueKind.Reporting, BalloonFeatures.Reporting, "reporting_vq"),
        ];
        int index = 0;
        foreach ((VirtqueueKind kind, BalloonFeatures feature, string linuxName) in driverOrder)
        {
            if (!Has(feature) || index >= _byIndex.Count)
            {
                continue;
            }

            Virtqueue queue = _byIndex[index];
            _driverQueues[kind] = queue;
            _driverKindAt[index] = kind;
            if (queue.Kind != kind)
            {
                var mismatch = new VirtqueueIndexMismatch(_clock.NowNs, index, linuxName, queue.Name);
                _indexMismatches.Add(mismatch);
                events.Publish(mismatch);
            }

            index++;
        }
    }

    /// <summary>
    /// The host's hint status changed: virtio_balloon_get_config derives free_page_hint_cmd_id from it each time it is
    /// read, with or without a config interrupt.
    /// </summary>
    public void RefreshHintCmdId() => Config.SetFreePageHintCmdId(Backend.HintConfigCmdId);

    /// <summary>The host changed the config space and notifies the driver (virtio_notify_config).</summary>
    public void HostConfigInterrupt()
    {
        RefreshHintCmdId();
        RaiseConfigInterrupt();
    }

    private void RaiseConfigInterrupt()
    {
        if (!IsReset)
        {
            _driver?.OnConfigChange();
        }
    }

    private void ProcessQueue(Virtqueue queue)
    {
        if (IsReset)
        {
            return;
        }

        long elapsed = 0;
        while (queue.Pop() is VirtqueueMessage message)
        {
            long cost = Backend.Handle(queue.Kind, message, Config.PoisonVal);
            if (cost < 0)
            {
                continue;
            }

            elapsed += cost;
            if (_synchronous > 0)
            {
                queue.Use(message);
                continue;
            }

            var flight = new InFlight(queue, message);
            _inFlight.Add(flight);
            _clock.ScheduleAfter(elapsed + _costs.InterruptNs, () => Deliver(flight));
        }
    }

    private void DeliverInFlight()
    {
        while (_inFlight.Count > 0)
        {
            Deliver(_inFlight[0]);
        }
    }

    private void Deliver(InFlight flight)
    {
        if (!_inFlight.Remove(flight) || IsReset)
        {
            return;
        }

        flight.Queue.Use(flight.Message);
    }

    /// <summary>A handled buffer on its way back to the driver (a class: each one is distinct even if the messages are equal).</summary>
    private sealed class InFlight(Virtqueue queue, VirtqueueMessage message)
    {
        public Virtqueue Queue => queue;

        public VirtqueueMessage Message => message;
    }
}
