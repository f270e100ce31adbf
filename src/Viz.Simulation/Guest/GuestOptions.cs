using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>How the guest is built and booted.</summary>
public sealed record GuestOptions
{
    /// <summary>Default guest size, 8 GiB: the seed's guest.</summary>
    public const long DefaultBytes = 8L << 30;

    /// <summary>Guest RAM in bytes (64 MiB to 1 TiB, whole pages).</summary>
    public long MemoryBytes { get; init; } = DefaultBytes;

    /// <summary>What the free path writes into freed pages.</summary>
    public PoisonMode Poison { get; init; } = PoisonMode.Off;

    /// <summary>
    /// init_on_alloc=1: zero pages on allocation. Off by default as in the seed's kernels;
    /// CONFIG_INIT_ON_ALLOC_DEFAULT_ON turns it on in many distribution kernels.
    /// </summary>
    public bool InitOnAlloc { get; init; }

    /// <summary>
    /// Transparent huge pages enabled in the guest (always or madvise, as Debian, Ubuntu and Fedora ship), which raises
    /// min_free_kbytes (<see cref="Watermarks.For(long, bool)"/>): 66 MiB on an 8 GiB guest instead of 11 MiB.
    /// </summary>
    public bool TransparentHugePages { get; init; } = true;

    /// <summary>The free page hinting design of the guest's balloon driver.</summary>
    public FreePageHintDesign HintDesign { get; init; } = FreePageHintDesign.Upstream;

    /// <summary>
    /// What the guest uses once booted, before any workload: its daemons' anonymous memory and slab (40%) and the page
    /// cache boot read (60%), as MemTotal − MemFree − the kernel's own reservations in /proc/meminfo. Boot also wrote and
    /// freed 40% as much again (the initramfs and other boot-time buffers), which stays free but not zero. Null:
    /// <see cref="DefaultFootprintBytes"/>, at most a tenth of the guest.
    /// </summary>
    public long? FootprintBytes { get; init; }

    /// <summary>
    /// The default footprint, 256 MiB. Fitted, with the zero-page cost, to the seed's idle 8 GiB guest (1817 ms legacy,
    /// 254 ms hinting): the pages hinting cannot skip are the used ones, and only their count and the zero-page cost are
    /// left open by the sources (docs/migration-model.md). Liang Li's idle 8 GB guest sent ~370 MiB of normal pages.
    /// </summary>
    public const long DefaultFootprintBytes = 256L << 20;

    /// <summary>
    /// The share of the booted guest's free memory in free 4 MiB blocks (MAX_ORDER, the only ones the upstream free page
    /// hinting driver allocates), as a guest's /proc/buddyinfo shows it; boot splits free 4 MiB blocks until the share
    /// is at most this. Null: what boot leaves (nearly all of it).
    /// </summary>
    public double? MaxOrderFreeShare { get; init; }

    /// <summary>The footprint a guest of <see cref="MemoryBytes"/> boots with.</summary>
    public long BootFootprintBytes => FootprintBytes ?? Math.Min(DefaultFootprintBytes, MemoryBytes / 10);

    /// <summary>Costs of faults and reclaim.</summary>
    public GuestCosts Costs { get; init; } = GuestCosts.Default;
}
