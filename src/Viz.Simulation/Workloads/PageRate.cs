using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// Turns a rate in pages per second into whole pages per tick, carrying the fractions over so that the rate holds
/// on average at any tick length.
/// </summary>
/// <param name="pagesPerSecond">The rate at full speed.</param>
internal sealed class PageRate(double pagesPerSecond)
{
    private double _carry;

    /// <summary>The rate at full speed.</summary>
    public double PagesPerSecond => pagesPerSecond;

    /// <summary>Pages for a tick of <paramref name="tickNs"/> in which the workload got <paramref name="usefulFraction"/> of its CPU time.</summary>
    public long Take(long tickNs, double usefulFraction)
    {
        _carry += pagesPerSecond * usefulFraction * tickNs / SimDuration.NsPerSecond;
        long pages = (long)_carry;
        _carry -= pages;
        return pages;
    }
}
