using System.Globalization;
using Viz.Simulation.Units;

namespace Viz.Pipeline;

/// <summary>
/// How fast virtual time runs against the wall clock: a factor (1 = real time, 4 = four simulated seconds per second)
/// or flat out (as fast as the machine can step). Pausing is kept apart, so that resuming returns to the same speed.
/// </summary>
/// <param name="Factor">Simulated seconds per wall-clock second; <see cref="double.PositiveInfinity"/> for flat out.</param>
public readonly record struct SimulationSpeed(double Factor)
{
    /// <summary>The speeds <c>+</c> and <c>-</c> step through, slowest first.</summary>
    public static IReadOnlyList<SimulationSpeed> Ladder { get; } =
        [new(0.1), new(0.25), new(0.5), new(1), new(2), new(4), new(10), new(30), new(100), new(double.PositiveInfinity)];

    /// <summary>Real time: one simulated second per second.</summary>
    public static SimulationSpeed RealTime { get; } = new(1);

    /// <summary>As fast as the machine can step.</summary>
    public static SimulationSpeed FlatOut { get; } = new(double.PositiveInfinity);

    /// <summary>Whether this is flat out.</summary>
    public bool IsFlatOut => double.IsPositiveInfinity(Factor);

    /// <summary>The next faster speed on the ladder (flat out stays flat out).</summary>
    public SimulationSpeed Faster()
    {
        foreach (SimulationSpeed speed in Ladder)
        {
            if (speed.Factor > Factor)
            {
                return speed;
            }
        }

        return FlatOut;
    }

    /// <summary>The next slower speed on the ladder (the slowest stays the slowest).</summary>
    public SimulationSpeed Slower()
    {
        for (int i = Ladder.Count - 1; i >= 0; i--)
        {
            if (Ladder[i].Factor < Factor)
            {
                return Ladder[i];
            }
        }

        return Ladder[0];
    }

    /// <summary>
    /// Parses <c>1</c>, <c>x4</c>, <c>×4</c>, <c>0.5</c> or <c>max</c>/<c>flat</c>; a factor must lie between 0.01 and 10000.
    /// </summary>
    public static bool TryParse(string? text, out SimulationSpeed speed, out string error)
    {
        speed = RealTime;
        error = string.Empty;
        string trimmed = (text ?? string.Empty).Trim().TrimStart('x', 'X', '×');
        if (trimmed.Equals("max", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("flat", StringComparison.OrdinalIgnoreCase))
        {
            speed = FlatOut;
            return true;
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) || !double.IsFinite(factor))
        {
            error = $"speed must be a factor such as 1, x4 or 0.5, or 'max' for flat out, not {Quoting.Quote(text)}";
            return false;
        }

        if (factor < 0.01 || factor > 10_000)
        {
            error = $"speed factor must be between 0.01 and 10000, not {factor.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        speed = new SimulationSpeed(factor);
        return true;
    }

    /// <summary>"×4", "×0.5" or "flat out".</summary>
    public override string ToString() =>
        IsFlatOut ? "flat out" : "×" + Factor.ToString("0.##", CultureInfo.InvariantCulture);
}
