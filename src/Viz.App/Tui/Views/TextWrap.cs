
namespace Viz.App.Tui.Views;

/// <summary>Word wrapping for the views that draw free text.</summary>
public static class TextWrap
{
    /// <summary>Splits <paramref name="text"/> into lines of at most <paramref name="width"/> columns at spaces (a longer word gets a line of its own).</summary>
    public static List<string> Words(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        string line = string.Empty;
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
