namespace Viz.Simulation.Guest;

/// <summary>
/// The hook page reporting puts on the free path: __free_one_page calls page_reporting_notify_free with the order of
/// the merged block (mm/page_reporting.h), for the one registered page reporting device.
/// </summary>
public interface IFreeBlockHook
{
    /// <summary>A block of <paramref name="order"/> entered the buddy allocator through the normal free path.</summary>
    void OnBlockFreed(int order);
}
