namespace Viz.Simulation.Units;

/// <summary>Quotes what a user typed in a message, so that a long argument never floods the terminal.</summary>
public static class Quoting
{
    /// <summary>Texts longer than this are cut when a message quotes them.</summary>
    public const int QuoteLength = 40;

    /// <summary><paramref name="text"/> in quotes, cut to <see cref="QuoteLength"/> characters.</summary>
    public static string Quote(string? text)
    {
        string value = text ?? string.Empty;
        return value.Length <= QuoteLength ? $"'{value}'" : $"'{value[..(QuoteLength - 3)]}...' ({value.Length:N0} characters)";
    }
}
