
namespace Viz.Simulation.Memory;

/// <summary>What the guest kernel writes into pages it frees (kernel command line options).</summary>
public enum PoisonMode
{
    /// <summary>Freed pages keep their content.</summary>
    Off,

    /// <summary>page_poison=1: freed pages are filled with 0xaa and checked on allocation (mm/page_poison.c).</summary>
    PagePoison,

    /// <summary>init_on_free=1: freed pages are zeroed (mm/page_alloc.c free_pages_prepare).</summary>
    InitOnFree,
}
