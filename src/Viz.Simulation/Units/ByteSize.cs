using System.Globalization;

namespace Viz.Simulation.Units;

/// <summary>Parses and formats byte sizes written the way users write them: 8GiB, 512MiB, 64M, 4096.</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Suffixes =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10),
        ("T", 1L << 40), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10),
        ("B", 1),
    ];

    /// <summary>
    /// Parses a size: a number (decimals allowed) and an optional unit (B, K/KiB, M/MiB, G/GiB, T/TiB; KB, MB, GB and TB
    /// are taken as binary units too, as memory sizes are). Returns false with a reason when the text is not a size.
    /// </summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = string.Empty;
        string trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "a size is empty; write it like 8GiB, 512MiB or 4096";
            return false;
        }

        switch (UnitText.Parse(trimmed, Suffixes, 1, out bytes))
        {
            case UnitText.Outcome.Value:
                return true;
            case UnitText.Outcome.TooLarge:
                error = $"{Quoting.Quote(trimmed)} is too large a size";
                return false;
            default:
                error = $"{Quoting.Quote(trimmed)} is not a size; write it like 8GiB, 512MiB or 4096";
                return false;
        }
    }

    /// <summary>Parses a rate written as a size per second: <c>512MiB/s</c>, or just <c>512MiB</c>.</summary>
    public static bool TryParseRate(string? text, out long bytesPerSecond, out string error)
    {
        string trimmed = (text ?? string.Empty).Trim();
        string perSecond = trimmed.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? trimmed[..^2] : trimmed;
        return TryParse(perSecond, out bytesPerSecond, out error);
    }

    /// <summary>Formats bytes the way a user types a size: 8GiB, 1.5MiB, 512B.</summary>
    public static string FormatAsInput(long bytes) => Format(bytes).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>Formats bytes with a binary unit and up to one decimal: 8 GiB, 1.5 MiB, 512 B.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        string digits = value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);
        return $"{digits} {units[unit]}";
    }
}
