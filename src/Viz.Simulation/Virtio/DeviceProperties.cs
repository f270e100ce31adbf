using Viz.Simulation.Units;

namespace Viz.Simulation.Virtio;

/// <summary>
/// The device's properties as a VMM user sets them (QEMU <c>-device virtio-balloon,...</c>, hw/virtio/virtio-balloon.c
/// virtio_balloon_properties); they decide which features the device offers. Defaults are QEMU's.
/// </summary>
public sealed record DeviceProperties
{
    /// <summary>QEMU's queue size for inflateq, deflateq and statsq (virtio_add_queue(vdev, 128, ...)).</summary>
    public const int ClassicQueueSize = 128;

    /// <summary>QEMU's free_page_vq size (VIRTQUEUE_MAX_SIZE, 1024).</summary>
    public const int FreePageQueueSize = 1024;

    /// <summary>QEMU's reporting_vq size (32 = PAGE_REPORTING_CAPACITY).</summary>
    public const int DefaultReportingQueueSize = 32;

    /// <summary>
    /// MUST_TELL_HOST. QEMU never offers it; crosvm does. Linux tells the host first in any case.
    /// </summary>
    public bool MustTellHost { get; init; }

    /// <summary><c>deflate-on-oom</c> (QEMU default off).</summary>
    public bool DeflateOnOom { get; init; }

    /// <summary><c>free-page-hint</c> (QEMU default off; needs an iothread).</summary>
    public bool FreePageHint { get; init; }

    /// <summary><c>page-poison</c> (QEMU default on since 5.1).</summary>
    public bool PagePoison { get; init; } = true;

    /// <summary><c>free-page-reporting</c> (QEMU default off).</summary>
    public bool FreePageReporting { get; init; }

    /// <summary>
    /// <c>guest-stats-polling-interval</c>: how often the device asks for fresh statistics; 0 (QEMU's default) never.
    /// </summary>
    public long StatsPollingIntervalNs { get; init; }

    /// <summary>reporting_vq size; Linux refuses reporting with fewer than 32 entries (virtballoon_probe, -ENOSPC).</summary>
    public int ReportingQueueSize { get; init; } = DefaultReportingQueueSize;

    /// <summary>The defaults.</summary>
    public static DeviceProperties QemuDefault { get; } = new();

    /// <summary>The features the device offers: STATS_VQ always (QEMU), the others by property.</summary>
    public BalloonFeatures Offered()
    {
        BalloonFeatures offered = BalloonFeatures.StatsVq;
        offered |= MustTellHost ? BalloonFeatures.MustTellHost : BalloonFeatures.None;
        offered |= DeflateOnOom ? BalloonFeatures.DeflateOnOom : BalloonFeatures.None;
        offered |= FreePageHint ? BalloonFeatures.FreePageHint : BalloonFeatures.None;
        offered |= PagePoison ? BalloonFeatures.PagePoison : BalloonFeatures.None;
        offered |= FreePageReporting ? BalloonFeatures.Reporting : BalloonFeatures.None;
        return offered;
    }

    /// <summary>The properties as a QEMU user would write them.</summary>
    public override string ToString() =>
        $"deflate-on-oom={OnOff(DeflateOnOom)},free-page-hint={OnOff(FreePageHint)},page-poison={OnOff(PagePoison)},"
        + $"free-page-reporting={OnOff(FreePageReporting)},guest-stats-polling-interval={StatsPollingIntervalNs / SimDuration.NsPerSecond}";

    private static string OnOff(bool value) => value ? "on" : "off";
}
