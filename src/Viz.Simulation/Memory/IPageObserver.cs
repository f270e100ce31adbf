namespace Viz.Simulation.Memory;

/// <summary>
/// Told of every change to a <see cref="GuestMemory"/>'s page states and content kinds, so that a view of them (the
/// grid's per-cell counters) stays current without scanning the pages.
/// </summary>
public interface IPageObserver
{
    /// <summary>Pages [pfn, pfn+count) moved from <paramref name="from"/> to <paramref name="into"/>.</summary>
    void StatesChanged(int pfn, int count, PageState from, PageState into);

    /// <summary>The content kinds of pages [pfn, pfn+count) are about to change (they still hold the old ones).</summary>
    void KindsChanging(int pfn, int count);

    /// <summary>The content kinds of pages [pfn, pfn+count) changed (they hold the new ones).</summary>
    void KindsChanged(int pfn, int count);
}
