
namespace Viz.Simulation.Guest;

/// <summary>
/// What memory events cost the guest's vCPUs, in nanoseconds of stolen time. These are fitted estimates,
/// not measurements; they only need the right order of magnitude for a workload to slow down realistically.
/// </summary>
public sealed record GuestCosts
{
    /// <summary>
    /// A guest access to a page the host does not back: an EPT violation exit, the host allocating and zeroing a
    /// 4 KiB page, and the re-entry. About 2 µs on a current x86 host.
    /// </summary>
    public long HostFaultNs { get; init; } = 2_000;

    /// <summary>
    /// The first write to a page after KVM write-protected it for dirty logging: a fault that sets the page's bit in
    /// the dirty bitmap and makes the page writable again. About 1 µs without PML on current hosts.
    /// </summary>
    public long DirtyLogFaultNs { get; init; } = 1_000;

    /// <summary>
    /// The free page hinting driver's work per 4 MiB block (get_free_page_and_send): an order-10 allocation, a
    /// descriptor on free_page_vq and a kick, which is an exit to the host. A few microseconds; raise it to model a
    /// guest that hints too slowly to keep ahead of the migration's first pass.
    /// </summary>
    public long HintBlockNs { get; init; } = 5_000;

    /// <summary>Direct reclaim of one clean page-cache page by an allocating task (LRU scan and unmap).</summary>
    public long DirectReclaimNsPerPage { get; init; } = 500;

    /// <summary>The defaults.</summary>
    public static GuestCosts Default { get; } = new();
}
