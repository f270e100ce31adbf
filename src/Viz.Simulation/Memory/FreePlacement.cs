
namespace Viz.Simulation.Memory;

/// <summary>Where a freed block goes on its free list (mm/page_alloc.c, FPI_* flags of __free_one_page).</summary>
public enum FreePlacement
{
    /// <summary>
    /// The kernel's default: tail if buddy_merge_likely() says the block will soon merge into a larger one,
    /// head otherwise.
    /// </summary>
    Default,

    /// <summary>
    /// FPI_TO_TAIL: always the tail. Used by __putback_isolated_page (reporting putback) and by
    /// __free_pages_core (memory handed to the buddy at boot and on hotplug).
    /// </summary>
    ToTail,
}
