using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The Linux virtio-balloon driver (drivers/virtio/virtio_balloon.c) bound to one device: probe and removal, the
/// config interrupt and the queue callbacks, and the parts each negotiated feature brings: the classic balloon,
/// statistics, deflate-on-OOM, free page hinting and the page reporting device.
/// </summary>
public sealed class BalloonDriver : IVirtioDriver
{
    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private readonly BalloonStatsReporter _stats;
    private readonly OomDeflater _oom;
    private bool _stopUpdate;

    /// <summary>Creates the driver for <paramref name="device"/>; <see cref="Probe"/> binds it.</summary>
    public BalloonDriver(GuestKernel kernel, BalloonDevice device, EventScheduler clock, EventBus events)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        Balloon = new ClassicBalloon(kernel, device, clock, events);
        _stats = new BalloonStatsReporter(kernel, device, Balloon, clock);
        _oom = new OomDeflater(kernel, device, Balloon, clock, events);
    }

    /// <summary>The device.</summary>
    public BalloonDevice Device => _device;

    /// <summary>Whether probe succeeded.</summary>
    public bool Bound { get; private set; }

    /// <summary>The classic balloon.</summary>
    public ClassicBalloon Balloon { get; }

    /// <summary>vb->num_pages: pages in the balloon as the driver counts them.</summary>
    public int BalloonPages => Balloon.Pages;

    /// <summary>The free page hinting part, when FREE_PAGE_HINT was negotiated.</summary>
    public FreePageHintingDriver? Hinting { get; private set; }

    /// <summary>The page reporting worker, when REPORTING was negotiated.</summary>
    public PageReportingWorker? Reporting { get; private set; }

    /// <summary>Pages the OOM notifier gave back.</summary>
    public long OomDeflatedPages => _oom.DeflatedPages;

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

        _device.BindDriver(this);
        if (_device.Queue(VirtqueueKind.Stats) is not null)
        {
            // init_vqs primes statsq with one buffer so the device can use it to ask for a refresh.
            _stats.Send();
        }

        if (_device.Has(BalloonFeatures.FreePageHint))
        {
            Hinting = new FreePageHintingDriver(_kernel, _device, _clock, _events);
            _kernel.AddShrinker(Hinting);
        }

        if (_device.Has(BalloonFeatures.PagePoison))
        {
            // poison_val: 0 for init_on_free ("general init"), else PAGE_POISON replicated into 32 bits.
            _device.WritePoisonVal(_kernel.PoisonValue ?? 0);
        }

        if (_device.Has(BalloonFeatures.DeflateOnOom))
        {
            _kernel.AddOomNotifier(_oom);
        }

        if (reporting is not null)
        {
            Reporting = new PageReportingWorker(_kernel, new PageReportingPort(_device), _clock, _events);
            Reporting.Register();
        }

        Bound = true;
        if (Balloon.TowardsTarget != 0)
        {
            OnConfigChange();
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

        Hinting?.Cancel();
        _device.RunSynchronously(() =>
        {
            Reporting?.Unregister();
            _kernel.RemoveOomNotifier(_oom);
            if (Hinting is not null)
            {
                _kernel.RemoveShrinker(Hinting);
            }

            _stopUpdate = true;
            _stats.Stop();
            Balloon.StopAndDeflate();
            Hinting?.Remove();
        });
        _device.Reset();
        Bound = false;
    }

    /// <summary>virtballoon_changed: unless updates are stopped, queue the balloon size work and the hint work.</summary>
    public void OnConfigChange()
    {
        if (_stopUpdate)
        {
            return;
        }

        Balloon.QueueUpdate();
        Hinting?.OnConfigChange();
    }

    /// <summary>The queue callbacks: balloon_ack (inflateq, deflateq), stats_request, the hint and report acks.</summary>
    public void OnBufferUsed(VirtqueueKind queue, VirtqueueMessage message)
    {
        switch (queue)
        {
            case VirtqueueKind.Inflate or VirtqueueKind.Deflate:
                Balloon.OnAck();
                break;
            case VirtqueueKind.Stats:
                _stats.OnRequest();
                break;
            case VirtqueueKind.FreePage:
                Hinting?.OnRoom();
                break;
            case VirtqueueKind.Reporting:
                Reporting?.ReportCompleted(true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(queue), queue, "the balloon has no such queue");
        }
    }
}
