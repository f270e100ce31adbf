using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The driver's statistics queue (VIRTIO_BALLOON_F_STATS_VQ): init_vqs primes statsq with one buffer, and each time the
/// device returns it (stats_request) the driver fills in fresh figures (update_balloon_stats) and adds it again.
/// </summary>
public sealed class BalloonStatsReporter
{
    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly ClassicBalloon _balloon;
    private readonly EventScheduler _clock;
    private bool _stopped;

    /// <summary>The statistics of a driver whose balloon is <paramref name="balloon"/>.</summary>
    public BalloonStatsReporter(GuestKernel kernel, BalloonDevice device, ClassicBalloon balloon, EventScheduler clock)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _balloon = balloon ?? throw new ArgumentNullException(nameof(balloon));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>stats_request: the device wants fresh figures; the work runs on the guest's vCPUs.</summary>
    public void OnRequest() => _clock.ScheduleAfter(0, () => _kernel.OnVcpu(Send));

    /// <summary>Driver removal (vb->stop_update): no more statistics.</summary>
    public void Stop() => _stopped = true;

    /// <summary>stats_handle_request / update_balloon_stats: fresh figures in an out buffer on statsq.</summary>
    public void Send()
    {
        if (_stopped)
        {
            return;
        }

        long managed = _kernel.Memory.PageCount - _kernel.Memory.CountOf(PageState.Kernel);

        // Without DEFLATE_ON_OOM every inflated page also leaves the managed total (adjust_managed_page_count).
        long total = _device.Has(BalloonFeatures.DeflateOnOom) ? managed : managed - _balloon.Pages;
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
