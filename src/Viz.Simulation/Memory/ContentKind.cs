
namespace Viz.Simulation.Memory;

/// <summary>
/// What a page's bytes hold. Together with the page's version number this identifies its content,
/// so that a copy (a migration destination) can be compared with the source page by page.
/// </summary>
public enum ContentKind : byte
{
    /// <summary>All bytes zero (never written, zeroed by init_on_free/init_on_alloc, or refaulted after a host discard).</summary>
    Zero = 0,

    /// <summary>Data the guest wrote; its identity is the page's version number.</summary>
    Data = 1,

    /// <summary>Every byte is PAGE_POISON (0xaa), written by the free path with page_poison=1.</summary>
    Poison = 2,
}
