
namespace Viz.Simulation.Guest;

/// <summary>
/// A shrinker (include/linux/shrinker.h): memory outside the LRU that reclaim asks to give some back, in proportion to
/// what it holds and the reclaim priority (mm/shrinker.c do_shrink_slab).
/// </summary>
public interface IShrinker
{
    /// <summary>count_objects: how many objects it could free now.</summary>
    long Count();

    /// <summary>scan_objects: frees up to about <paramref name="objects"/> objects; returns the pages it freed.</summary>
    long Scan(long objects);
}
