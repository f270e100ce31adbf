using System.Globalization;

namespace Viz.Simulation.Units;

/// <summary>Reads "a number and a unit" texts: 8GiB, 1500ms, 1.5 G.</summary>
internal static class UnitText
{
    /// <summary>What <see cref="Parse"/> found.</summary>
    public enum Outcome
    {
        /// <summary>A value.</summary>
        Value,

        /// <summary>Not a non-negative decimal number with a known unit.</summary>
        NotANumber,

        /// <summary>A number, but too large for a 64-bit count of the unit's base.</summary>
        TooLarge,
    }

    /// <summary>
    /// Splits off the first of <paramref name="units"/> the text ends with (case-insensitive; list longer units first)
    /// and parses the number before it; a text with no unit gets <paramref name="defaultFactor"/>. The value is the
    /// number times the unit's factor.
    /// </summary>
    public static Outcome Parse(string text, (string Suffix, long Factor)[] units, long defaultFactor, out long value)
    {
        value = 0;
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

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double parsed)
            || double.IsNaN(parsed) || double.IsInfinity(parsed))
        {
            return Outcome.NotANumber;
        }

        if (parsed * factor >= long.MaxValue)
        {
            return Outcome.TooLarge;
        }

        value = (long)Math.Round(parsed * factor);
        return Outcome.Value;
    }
}
