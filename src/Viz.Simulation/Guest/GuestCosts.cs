
namespace Viz.Simulation.Guest;

/// <summary>
/// What memory events cost the guest's vCPUs, in nanoseconds of stolen time. These are fitted estimates,
/// not measurements; they only need the right order of magnitude for a workload to slow down realistically.
/// </summary>
public sealed record GuestCosts
{
    /// <summary>
    /// A guest access to a page the host does not back: an EPT violation exit and the host allocating and zeroing the
    /// memory. QEMU madvises guest RAM MADV_HUGEPAGE (ram_block_add), so on a host with transparent huge pages one fault
    /// zeroes a 2 MiB page for 512 guest pages: ~100–200 µs, 0.2–0.4 µs a page, against ~2 µs for a 4 KiB fault
    /// (docs/microbench). The model backs pages one by one and charges each the amortised 0.4 µs.
    /// </summary>
    public long HostFaultNs { get; init; } = 400;

    /// <summary>
    /// The guest's cost of dirty logging per page it dirties after a sync. On the seed's Broadwell host and every later
    /// VMX host KVM logs writes with PML: the CPU records the dirtied page itself and exits once per 512 pages ("PML
    /// buffer full VMEXIT for 512 dirty GPAs", Kai Huang, KVM PML series, 2015), so an exit of ~2.5 µs comes to ~5 ns a
    /// page. Without PML each page takes a write-protection fault (260 ns measured by Cloud Hypervisor, issue 8899).
    /// </summary>
    public long DirtyLogFaultNs { get; init; } = 5;

    /// <summary>
    /// The free page hinting driver's work per 4 MiB block (get_free_page_and_send): an order-10 allocation, a
    /// descriptor on free_page_vq and a kick, which is an exit to the host. A few microseconds; raise it to model a
    /// guest that hints too slowly to keep ahead of the migration's first pass.
    /// </summary>
    public long HintBlockNs { get; init; } = 5_000;

    /// <summary>
    /// init_on_alloc zeroing one allocated page (post_alloc_hook → kernel_init_pages → clear_highpage): 0.51–0.62 ms a
    /// 4 MiB block in the micro-benchmark here (docs/microbench/hint-block-costs.c), about 0.55 µs a page.
    /// </summary>
    public long InitPageNs { get; init; } = 550;

    /// <summary>
    /// page_poison checking one allocated page for 0xaa (kernel_unpoison_pages → check_poison_mem, memchr_inv):
    /// 0.55–0.65 ms a 4 MiB block in the same micro-benchmark, about 0.6 µs a page.
    /// </summary>
    public long PoisonCheckPageNs { get; init; } = 600;

    /// <summary>Direct reclaim of one clean page-cache page by an allocating task (LRU scan and unmap).</summary>
    public long DirectReclaimNsPerPage { get; init; } = 500;

    /// <summary>The defaults.</summary>
    public static GuestCosts Default { get; } = new();
}
