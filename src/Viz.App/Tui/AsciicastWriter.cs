using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Viz.App.Tui;

/// <summary>
/// Writes an asciinema recording, asciicast v2 (docs.asciinema.org/manual/asciicast/v2): a header line (version,
/// width, height, title, env), then one event line per screen change, <c>[seconds, "o", data]</c>, where data is what a
/// terminal would have been sent. Each screen arrives whole, as the driver's ANSI text of it; only the rows that changed
/// are sent, each from its first column and in its own colours, so the file stays small and plays anywhere.
/// </summary>
public sealed partial class AsciicastWriter
{
    private readonly TextWriter _output;
    private string[] _shown = [];

    /// <summary>A recording of a <paramref name="width"/>×<paramref name="height"/> terminal into <paramref name="output"/>.</summary>
    public AsciicastWriter(TextWriter output, int width, int height, string title)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        var header = new Dictionary<string, object>
        {
            ["version"] = 2,
            ["width"] = width,
            ["height"] = height,
            ["title"] = title,
            ["env"] = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["SHELL"] = "/bin/sh" },
        };
        _output.WriteLine(JsonSerializer.Serialize(header));
    }

    /// <summary>Events written so far.</summary>
    public int Events { get; private set; }

    /// <summary>The screen at <paramref name="seconds"/> into the recording, as the driver's ANSI text (rows split by line breaks).</summary>
    public void Screen(double seconds, string ansi)
    {
        ArgumentNullException.ThrowIfNull(ansi);
        string[] rows = ansi.TrimEnd('\n').Split('\n');
        var data = new StringBuilder();
        if (_shown.Length == 0)
        {
            data.Append("\u001b[?25l\u001b[2J");
        }

        string state = string.Empty;
        for (int row = 0; row < rows.Length; row++)
        {
            string prefix = state;
            state = StateAfter(state, rows[row]);
            if (row < _shown.Length && _shown[row] == rows[row] && _shown.Length == rows.Length)
            {
                continue;
            }

            data.Append(CultureInfo.InvariantCulture, $"\u001b[{row + 1};1H\u001b[0m").Append(prefix).Append(rows[row]);
        }

        _shown = rows;
        if (data.Length > 0)
        {
            _output.WriteLine(JsonSerializer.Serialize(new object[] { Math.Round(seconds, 3), "o", data.ToString() }));
            Events++;
        }
    }

    /// <summary>The colours and style in force after <paramref name="row"/>, starting from <paramref name="state"/>.</summary>
    private static string StateAfter(string state, string row)
    {
        string foreground = string.Empty, background = string.Empty, style = string.Empty;
        foreach (Match sgr in Sgr().Matches(state + row))
        {
            string parameters = sgr.Groups[1].Value;
            string first = parameters.Split(';')[0];
            switch (first)
            {
                case "" or "0":
                    (foreground, background, style) = (string.Empty, string.Empty, string.Empty);
                    break;
                case "38" or "39" or [('3' or '9'), >= '0' and <= '7']:
                    foreground = sgr.Value;
                    break;
                case "48" or "49" or [('4'), >= '0' and <= '7'] or ['1', '0', >= '0' and <= '7']:
                    background = sgr.Value;
                    break;
                default:
                    style += sgr.Value;
                    break;
            }
        }

        return style + foreground + background;
    }

    [GeneratedRegex(@"\u001b\[([0-9;]*)m")]
    private static partial Regex Sgr();
}
