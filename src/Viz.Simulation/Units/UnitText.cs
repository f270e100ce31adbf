using System.Globalization;

namespace Viz.Simulation.Units;

/// <summary>Reads "a number and a unit" texts: 8GiB, 1500ms, 1.5 G.</summary>
internal static class UnitText
{
    /// <summary>
    /// Splits off the first of <paramref name="units"/> the text ends with (case-insensitive; list longer units first)
    /// and parses the number before it; a text with no unit gets <paramref name="defaultFactor"/>. Returns the value
    /// times the unit's factor, or null when the number is not a non-negative decimal or the result overflows.
    /// </summary>
    public static long? Parse(string text, (string Suffix, long Factor)[] units, long defaultFactor)
    {
        long factor = defaultFactor;
        string number = text;
        foreach ((string suffix, long f) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                number = text[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || double.IsNaN(value) || value * factor > long.MaxValue)
        {
            return null;
        }

        return (long)Math.Round(value * factor);
    }
}
