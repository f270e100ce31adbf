using System.Globalization;

namespace Viz.Simulation.Units;

/// <summary>Parses and formats simulated durations: 60s, 1500ms, 2m, 1h, 250us.</summary>
public static class SimDuration
{
    /// <summary>Nanoseconds per millisecond.</summary>
    public const long NsPerMs = 1_000_000;

    /// <summary>Nanoseconds per second.</summary>
    public const long NsPerSecond = 1_000_000_000;

    private static readonly (string Suffix, long Factor)[] Suffixes =
    [
        ("ms", NsPerMs), ("us", 1_000), ("ns", 1), ("h", 3600 * NsPerSecond), ("m", 60 * NsPerSecond), ("s", NsPerSecond),
    ];

    /// <summary>Parses a duration with a unit (ns, us, ms, s, m, h); a bare number is seconds.</summary>
    public static bool TryParse(string? text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = string.Empty;
        string trimmed = (text ?? string.Empty).Trim();
        switch (UnitText.Parse(trimmed, Suffixes, NsPerSecond, out nanoseconds))
        {
            case UnitText.Outcome.Value:
                return true;
            case UnitText.Outcome.TooLarge:
                error = $"{Quoting.Quote(trimmed)} is too long a time";
                return false;
            default:
                error = $"{Quoting.Quote(trimmed)} is not a duration; write it like 60s, 1500ms or 2m";
                return false;
        }
    }

    /// <summary>
    /// Formats nanoseconds the way a user types a duration: whole seconds under an hour (60s, not 1m), else the largest
    /// whole unit (24h, 300ms).
    /// </summary>
    public static string FormatAsInput(long nanoseconds)
    {
        if (nanoseconds > 0 && nanoseconds % NsPerSecond == 0 && nanoseconds < 3600 * NsPerSecond)
        {
            return (nanoseconds / NsPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
        }

        foreach ((string suffix, long factor) in new[] { ("h", 3600 * NsPerSecond), ("m", 60 * NsPerSecond), ("s", NsPerSecond), ("ms", NsPerMs), ("us", 1_000L) })
        {
            if (nanoseconds != 0 && nanoseconds % factor == 0)
            {
                return (nanoseconds / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return nanoseconds.ToString(CultureInfo.InvariantCulture) + "ns";
    }

    /// <summary>Formats nanoseconds for a human: 1.817 s, 254 ms, 40 us.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds >= NsPerSecond)
        {
            return (nanoseconds / (double)NsPerSecond).ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        if (nanoseconds >= NsPerMs)
        {
            return (nanoseconds / (double)NsPerMs).ToString("0.#", CultureInfo.InvariantCulture) + " ms";
        }

        return (nanoseconds / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " us";
    }
}
