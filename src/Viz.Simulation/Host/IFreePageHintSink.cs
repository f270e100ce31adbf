
namespace Viz.Simulation.Host;

/// <summary>
/// Where the balloon device hands the free page hints it accepts: QEMU's qemu_guest_free_page_hint (migration/ram.c),
/// which clears the hinted range from the running migration's dirty bitmap.
/// </summary>
public interface IFreePageHintSink
{
    /// <summary>The guest hinted that pages [pfn, pfn+pages) are free.</summary>
    void OnFreePageHint(int pfn, int pages);
}
