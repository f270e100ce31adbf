namespace Viz.App.Tui.Panels;

/// <summary>Draws a series as a one-line sparkline of the eight block heights ▁▂▃▄▅▆▇█.</summary>
public static class Sparkline
{
    /// <summary>The glyphs, lowest first.</summary>
    public const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// The last <paramref name="width"/> values scaled from 0 to <paramref name="max"/> (a fixed scale, so a flat line
    /// means a steady figure); fewer values than the width leave the left end blank.
    /// </summary>
    public static string Render(IReadOnlyList<double> values, int width, double max)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (width <= 0)
        {
            return string.Empty;
        }

        int shown = Math.Min(width, values.Count);
        var text = new char[width];
        Array.Fill(text, ' ');
        for (int i = 0; i < shown; i++)
        {
            double value = values[values.Count - shown + i];
            double share = max > 0 ? Math.Clamp(value / max, 0, 1) : 0;
            text[width - shown + i] = Levels[(int)Math.Round(share * (Levels.Length - 1))];
        }

        return new string(text);
    }
}
