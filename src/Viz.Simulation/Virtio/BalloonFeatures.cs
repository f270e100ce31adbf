
namespace Viz.Simulation.Virtio;

/// <summary>
/// The virtio-balloon feature bits, with their numbers from include/uapi/linux/virtio_balloon.h and the virtio spec
/// (device-types/balloon). Bits 6 and up (proposals, crosvm's WS_REPORTING) are not modelled.
/// </summary>
[Flags]
public enum BalloonFeatures : uint
{
    /// <summary>No feature.</summary>
    None = 0,

    /// <summary>VIRTIO_BALLOON_F_MUST_TELL_HOST (bit 0): tell the host before reusing deflated pages.</summary>
    MustTellHost = 1u << 0,

    /// <summary>VIRTIO_BALLOON_F_STATS_VQ (bit 1): the statistics queue exists.</summary>
    StatsVq = 1u << 1,

    /// <summary>VIRTIO_BALLOON_F_DEFLATE_ON_OOM (bit 2): the guest may deflate when it runs out of memory.</summary>
    DeflateOnOom = 1u << 2,

    /// <summary>VIRTIO_BALLOON_F_FREE_PAGE_HINT (bit 3): free_page_vq and the hint command id field.</summary>
    FreePageHint = 1u << 3,

    /// <summary>VIRTIO_BALLOON_F_PAGE_POISON (bit 4): the guest announces what its free pages hold in poison_val.</summary>
    PagePoison = 1u << 4,

    /// <summary>VIRTIO_BALLOON_F_REPORTING (bit 5): reporting_vq, free page reporting.</summary>
    Reporting = 1u << 5,
}

/// <summary>Names and sets of <see cref="BalloonFeatures"/>.</summary>
public static class BalloonFeatureSet
{
    /// <summary>
    /// What the Linux driver lists in its feature table (drivers/virtio/virtio_balloon.c <c>features[]</c>): all six.
    /// </summary>
    public const BalloonFeatures LinuxDriver =
        BalloonFeatures.MustTellHost | BalloonFeatures.StatsVq | BalloonFeatures.DeflateOnOom
        | BalloonFeatures.FreePageHint | BalloonFeatures.PagePoison | BalloonFeatures.Reporting;

    private static readonly (BalloonFeatures Feature, string Name)[] Named =
    [
        (BalloonFeatures.MustTellHost, "MUST_TELL_HOST"),
        (BalloonFeatures.StatsVq, "STATS_VQ"),
        (BalloonFeatures.DeflateOnOom, "DEFLATE_ON_OOM"),
        (BalloonFeatures.FreePageHint, "FREE_PAGE_HINT"),
        (BalloonFeatures.PagePoison, "PAGE_POISON"),
        (BalloonFeatures.Reporting, "REPORTING"),
    ];

    /// <summary>The spec names of the set features, lowest bit first (e.g. STATS_VQ, REPORTING).</summary>
    public static IReadOnlyList<string> Names(BalloonFeatures features) =>
        Named.Where(entry => features.HasFlag(entry.Feature)).Select(entry => entry.Name).ToArray();

    /// <summary>The names joined with commas, or "none".</summary>
    public static string Format(BalloonFeatures features)
    {
        IReadOnlyList<string> names = Names(features);
        return names.Count == 0 ? "none" : string.Join(",", names);
    }
}
