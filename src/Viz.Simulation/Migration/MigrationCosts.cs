using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>
/// The time and byte model of pre-copy migration, in the real systems' parts: a zero page and a normal page cost what
/// QEMU's save_zero_page and save_normal_page cost on a local link, turning dirty logging on write-protects the memory
/// the host has populated, each bitmap sync walks the log, and the switchover stops and restarts the guest. The byte
/// figures are QEMU's wire format (migration/ram.c). docs/migration-model.md gives every figure's source and says which
/// two were fitted to the seed's idle 8 GiB pair (<see cref="ZeroPageNs"/> and the guest's boot footprint).
/// </summary>
public sealed record MigrationCosts
{
    /// <summary>
    /// A page that goes out as a zero page: find its dirty bit, read it (a never-touched page faults in the host's zero
    /// page), buffer_is_zero, a 9-byte record. Published: 0.74 µs (Liang Li, qemu-devel 2016-03-03, an idle 8 GB guest,
    /// 1894 ms vs 421 ms) and 0.73 µs (a 16 GiB guest's query-migrate: 4,198,330 duplicate pages in 3064 ms). Fitted
    /// within that bracket to the seed's legacy − hinting difference (1817 − 254 ms over the pages hinting skips).
    /// </summary>
    public double ZeroPageNs { get; init; } = 780;

    /// <summary>
    /// A zero page the source host backs because the guest wrote it (zeroed it, as init_on_alloc does): the read comes
    /// from RAM and buffer_is_zero scans all of it. No published figure; the micro-benchmark here gives 400–429 ns for a
    /// resident zeroed page against 738–1019 ns for a never-touched one (docs/microbench).
    /// </summary>
    public double ResidentZeroPageNs { get; init; } = 420;

    /// <summary>
    /// A page that goes out whole: its 8-byte header and 4096 bytes through the stream on a local link and the copy into
    /// the destination's memory. Cloud Hypervisor's local TCP pre-copy measured 1.8–2.0 GiB/s for one stream (PR 7799),
    /// i.e. about 2 µs per page; a loopback micro-benchmark on this machine gives 1.2–1.7 µs for the stream alone
    /// (docs/migration-model.md).
    /// </summary>
    public double NormalPageNs { get; init; } = 2000;

    /// <summary>
    /// Turning dirty logging on (KVM_MEM_LOG_DIRTY_PAGES): KVM write-protects every page the host has populated.
    /// 460 ms for 128 GiB before KVM_DIRTY_LOG_INITIALLY_SET (KVM commit 3c9bd4006bfc, Jay Zhou), 3.6 ms per GiB; the
    /// seed's 2018 kernels had no INITIALLY_SET.
    /// </summary>
    public double DirtyLogStartNsPerBackedGiB { get; init; } = 3.6 * SimDuration.NsPerMs;

    /// <summary>
    /// A bitmap sync's cost per dirty page found: KVM_GET_DIRTY_LOG re-protecting it and QEMU merging the bit. ~10 ms for
    /// a fully dirty 1 GiB guest (Peter Xu, qemu-devel 2021-07-29), 38 ns a page.
    /// </summary>
    public double SyncNsPerDirtyPage { get; init; } = 38;

    /// <summary>
    /// A bitmap sync's cost per GiB of guest memory when clean: walking 32 KiB of bitmap per GiB. No published figure;
    /// an estimate from the bitmap's size (docs/migration-model.md), small next to the per-page costs.
    /// </summary>
    public double SyncNsPerGiB { get; init; } = 0.1 * SimDuration.NsPerMs;

    /// <summary>
    /// QEMU's clear-bitmap-shift where KVM clears the dirty log lazily, or null where it clears it eagerly at every
    /// sync. Lazy clearing needs KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 (Linux 5.3) and QEMU 4.0, which then also asks for
    /// KVM_DIRTY_LOG_INITIALLY_SET (kvm_init: dirty_log_manual_caps); the seed's 2018 host had neither, so the default
    /// profile clears eagerly. <see cref="QemuDefaultClearBitmapShift"/> is QEMU's default.
    /// </summary>
    public int? ClearBitmapShift { get; init; }

    /// <summary>
    /// One KVM_CLEAR_DIRTY_LOG of a chunk on the migration thread, besides write-protecting its pages again (charged
    /// per page with the sync that found them, <see cref="SyncNsPerDirtyPage"/>, as in eager mode): an ioctl and the
    /// MMU lock. No published figure; an estimate.
    /// </summary>
    public double ClearChunkNs { get; init; } = 2_000;

    /// <summary>Header of every page record on the wire (save_page_header: an 8-byte offset with flags).</summary>
    public int PageHeaderBytes { get; init; } = 8;

    /// <summary>A zero page is its header plus one byte (RAM_SAVE_FLAG_ZERO and the fill byte; save_zero_page).</summary>
    public int ZeroPageBytes { get; init; } = 9;

    /// <summary>
    /// Setting up besides turning dirty logging on: the bitmap, the stream's header, the first sync's fixed part. A
    /// 16 GiB guest's query-migrate reports setup-time 6 ms on a current host (docs/migration-model.md).
    /// </summary>
    public long SetupNs { get; init; } = 5 * SimDuration.NsPerMs;

    /// <summary>Device state saved during the downtime (vCPUs, virtio devices, ...).</summary>
    public long DeviceStateBytes { get; init; } = 256 << 10;

    /// <summary>
    /// Fixed cost of the switchover: stopping vCPUs, saving and loading device state, starting them on the destination.
    /// An idle guest's query-migrate shows 10 ms of downtime; Cloud Hypervisor's breakdown is 7 + 19 + 1 ms (PR 7979).
    /// 15 ms, inside that bracket; not fitted.
    /// </summary>
    public long SwitchoverNs { get; init; } = 15 * SimDuration.NsPerMs;

    /// <summary>Work the migration does per simulated event before the guest gets a turn (a slice of QEMU's iteration).</summary>
    public long SliceNs { get; init; } = SimDuration.NsPerMs;

    /// <summary>QEMU's rate-limit window (BUFFER_DELAY, migration/migration.c): a tenth of the bandwidth per 100 ms.</summary>
    public long RateWindowNs { get; init; } = 100 * SimDuration.NsPerMs;

    /// <summary>The defaults.</summary>
    public static MigrationCosts Default { get; } = new();

    /// <summary>QEMU's default clear-bitmap-shift (migration/options.c DEFAULT_MIGRATE_CLEAR_BITMAP_SHIFT): 1 GiB chunks.</summary>
    public const int QemuDefaultClearBitmapShift = 18;

    /// <summary>The smallest clear-bitmap-shift QEMU takes (CLEAR_BITMAP_SHIFT_MIN: 64 pages).</summary>
    public const int MinClearBitmapShift = 6;

    /// <summary>The largest clear-bitmap-shift QEMU takes (CLEAR_BITMAP_SHIFT_MAX).</summary>
    public const int MaxClearBitmapShift = 31;

    /// <summary>Bytes one normal page takes on the wire.</summary>
    public int NormalPageBytes => PageHeaderBytes + KernelConstants.PageSize;

    /// <summary>CPU time of a page sent as <paramref name="kind"/>; <paramref name="resident"/>: the source host backs it.</summary>
    public double PageNs(ContentKind kind, bool resident) => kind switch
    {
        ContentKind.Zero => resident ? ResidentZeroPageNs : ZeroPageNs,
        _ => NormalPageNs,
    };

    /// <summary>Time to put <paramref name="bytes"/> through the stream unthrottled, at the rate a normal page goes.</summary>
    public double StreamNs(long bytes) => bytes * NormalPageNs / NormalPageBytes;

    /// <summary>A bitmap sync of a guest of <paramref name="pageCount"/> pages that finds <paramref name="dirtyPages"/> dirty.</summary>
    public long SyncNs(int pageCount, long dirtyPages) =>
        (long)((SyncNsPerGiB * pageCount / PagesPerGiB) + (SyncNsPerDirtyPage * dirtyPages));

    /// <summary>Turning dirty logging on over <paramref name="backedPages"/> populated pages.</summary>
    public long DirtyLogStartNs(long backedPages) => (long)(DirtyLogStartNsPerBackedGiB * backedPages / PagesPerGiB);

    private const double PagesPerGiB = (1L << 30) / KernelConstants.PageSize;
}
