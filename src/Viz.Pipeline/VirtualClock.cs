namespace Viz.Pipeline;

/// <summary>
/// Turns wall-clock time into simulated time at a speed factor. It never runs up a debt: a gap longer than
/// <see cref="MaxCatchUp"/> (the machine was busy, the process was stopped) counts as <see cref="MaxCatchUp"/>, so a
/// slow moment costs simulated time instead of making the simulation race to catch up afterwards.
/// </summary>
public sealed class VirtualClock
{
    /// <summary>The longest wall-clock gap one advance makes up for.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(250);

    private double _carryNs;

    /// <summary>Simulated nanoseconds to advance for <paramref name="wallElapsed"/> at <paramref name="speed"/>.</summary>
    /// <remarks>Fractions of a nanosecond are carried to the next call, so slow speeds do not lose time.</remarks>
    public long Advance(TimeSpan wallElapsed, SimulationSpeed speed)
    {
        if (speed.IsFlatOut)
        {
            throw new ArgumentException("flat out has no wall-clock rate", nameof(speed));
        }

        TimeSpan counted = wallElapsed < TimeSpan.Zero ? TimeSpan.Zero : wallElapsed > MaxCatchUp ? MaxCatchUp : wallElapsed;
        double ns = (counted.Ticks * 100.0 * speed.Factor) + _carryNs;
        long whole = (long)Math.Floor(ns);
        _carryNs = ns - whole;
        return whole;
    }
}
