using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// VIRTIO_BALLOON_F_DEFLATE_ON_OOM: the driver's OOM notifier (virtio_balloon_oom_notify) deflates up to 1 MiB each
/// time the guest is about to kill a task.
/// </summary>
public sealed class OomDeflater : IOomNotifier
{
    /// <summary>VIRTIO_BALLOON_OOM_NR_PAGES: pages the OOM notifier deflates per call (1 MiB).</summary>
    public const int OomPages = 256;

    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly ClassicBalloon _balloon;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;

    /// <summary>The notifier of a driver whose balloon is <paramref name="balloon"/>.</summary>
    public OomDeflater(GuestKernel kernel, BalloonDevice device, ClassicBalloon balloon, EventScheduler clock, EventBus events)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _balloon = balloon ?? throw new ArgumentNullException(nameof(balloon));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>Pages the notifier gave back.</summary>
    public long DeflatedPages { get; private set; }

    /// <summary>
    /// virtio_balloon_oom_notify: deflate up to 256 pages (telling the host first) and update actual. The target stays,
    /// so the balloon stays below it until the host sets a new one. The notifier cannot wait on the clock: the device
    /// answers at once and the round trip is charged to the guest.
    /// </summary>
    public long OnOutOfMemory()
    {
        long freed = 0;
        _device.RunSynchronously(() => freed = _balloon.DeflateNow(OomPages));
        if (freed > 0)
        {
            DeflatedPages += freed;
            _kernel.ChargeStall(_device.RoundTripNs);
            _events.Publish(new DriverMessage(_clock.NowNs, $"out of memory: deflated {freed} pages"));
        }

        return freed;
    }
}
