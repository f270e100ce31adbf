using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>
/// The time and byte model of pre-copy migration. The byte figures are QEMU's wire format (migration/ram.c); the
/// time figures are fitted to the seed's measurement, not measured — see docs/migration-model.md for the reasoning.
/// </summary>
public sealed record MigrationCosts
{
    /// <summary>
    /// CPU time per page the migration thread handles: find the next dirty bit, read the page (for a never-touched
    /// page this includes the host fault that maps the zero page) and check it for zeroes (buffer_is_zero). Fitted:
    /// an idle 8 GiB guest is 2,097,152 pages and the seed's legacy migration took ~1817 ms, almost all of it this.
    /// </summary>
    public double PageScanNs { get; init; } = 850;

    /// <summary>Header of every page record on the wire (save_page_header: an 8-byte offset with flags).</summary>
    public int PageHeaderBytes { get; init; } = 8;

    /// <summary>A zero page is its header plus one byte (RAM_SAVE_FLAG_ZERO and the fill byte; save_zero_page).</summary>
    public int ZeroPageBytes { get; init; } = 9;

    /// <summary>Setting up: allocating the bitmap, enabling dirty logging, the first sync.</summary>
    public long SetupNs { get; init; } = 10 * SimDuration.NsPerMs;

    /// <summary>Device state saved during the downtime (vCPUs, virtio devices, ...).</summary>
    public long DeviceStateBytes { get; init; } = 256 << 10;

    /// <summary>Fixed cost of the switchover: stopping vCPUs, the final handshake, starting them on the destination.</summary>
    public long SwitchoverNs { get; init; } = 15 * SimDuration.NsPerMs;

    /// <summary>Work the migration does per simulated event before the guest gets a turn (a slice of QEMU's iteration).</summary>
    public long SliceNs { get; init; } = SimDuration.NsPerMs;

    /// <summary>QEMU's rate-limit window (BUFFER_DELAY, migration/migration.c): a tenth of the bandwidth per 100 ms.</summary>
    public long RateWindowNs { get; init; } = 100 * SimDuration.NsPerMs;

    /// <summary>The defaults.</summary>
    public static MigrationCosts Default { get; } = new();

    /// <summary>Bytes one normal page takes on the wire.</summary>
    public int NormalPageBytes => PageHeaderBytes + Memory.KernelConstants.PageSize;
}
