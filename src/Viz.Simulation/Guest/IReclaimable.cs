
namespace Viz.Simulation.Guest;

/// <summary>Memory the guest can take back under pressure: the page cache LRU, a shrinker.</summary>
public interface IReclaimable
{
    /// <summary>Frees up to <paramref name="pages"/> pages; returns how many it freed.</summary>
    long Reclaim(long pages);
}
