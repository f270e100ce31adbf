using System.Globalization;
using System.Text.Json;
using Terminal.Gui.Text;
using Viz.Pipeline;
using Viz.Simulation.Units;

using Color = Terminal.Gui.Drawing.Color;

namespace Viz.App.Tui.Themes;

/// <summary>
/// Reads and checks theme files. A file that cannot be used yields one message naming the file and the problem;
/// it never throws for bad content.
/// </summary>
public static class ThemeLoader
{
    /// <summary>The theme every run falls back to.</summary>
    public const string DefaultName = "default";

    /// <summary>The theme that draws with glyphs alone, for terminals without colour (NO_COLOR).</summary>
    public const string MonoName = "mono";

    /// <summary>The theme made of the 16 ANSI colours, the default on 16-colour terminals.</summary>
    public const string Ansi16Name = "ansi16";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The order <c>t</c> cycles the shipped themes in; other files follow by name.</summary>
    public static IReadOnlyList<string> PreferredOrder { get; } = [DefaultName, "light", "high-contrast", "okabe-ito", Ansi16Name, MonoName];

    /// <summary>The folder the app's themes ship in, next to the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "themes");

    /// <summary>The largest theme file read: a real theme is about 1 KiB.</summary>
    public const long MaxFileBytes = 64 * 1024;

    /// <summary>Loads one theme file; on failure returns false and says what is wrong, naming the file.</summary>
    public static bool TryLoad(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Theme? theme, out string problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        theme = null;
        string name = Path.GetFileNameWithoutExtension(path);
        string display = Path.Combine(Path.GetFileName(Path.GetDirectoryName(path)) ?? string.Empty, Path.GetFileName(path));
        ThemeFile? file;
        try
        {
            long size = new FileInfo(path).Length;
            if (size > MaxFileBytes)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"theme {display}: {size:N0} bytes is too large for a theme (at most {MaxFileBytes / 1024} KiB); using the default theme");
                return false;
            }

            file = JsonSerializer.Deserialize<ThemeFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}: ") : string.Empty;
            problem = $"theme {display}: {where}{Explain(e)}; using the default theme";
            return false;
        }
        catch (IOException e)
        {
            problem = $"theme {display}: cannot read it ({e.Message}); using the default theme";
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            problem = $"theme {display}: cannot read it ({e.Message}); using the default theme";
            return false;
        }

        if (!TryCheck(name, file, out theme, out string error))
        {
            problem = $"theme {display}: {error}; using the default theme";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static bool TryCheck(string name, ThemeFile? file, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Theme? theme, out string error)
    {
        theme = null;
        if (file?.Ui is null || file.States is null)
        {
            error = "needs a \"ui\" object and a \"states\" object";
            return false;
        }

        Color[] colours = new Color[CellStates.Count];
        string[] glyphs = new string[CellStates.Count];
        if (!TryColour("ui.background", file.Ui.Background, out Color background, out error)
            || !TryColour("ui.foreground", file.Ui.Foreground, out Color foreground, out error)
            || !TryColour("ui.accent", file.Ui.Accent, out Color accent, out error)
            || !TryColour("ui.cursor", file.Ui.Cursor, out Color cursor, out error)
            || !TryColour("ui.error", file.Ui.Error, out Color errorColour, out error))
        {
            return false;
        }

        colours[(int)CellState.Empty] = background;
        glyphs[(int)CellState.Empty] = " ";
        foreach (CellState state in CellStates.Shown)
        {
            string key = JsonNamingPolicy.CamelCase.ConvertName(state.ToString());
            if (!file.States.TryGetValue(key, out ThemeStateFile? entry))
            {
                error = $"states.{key} is missing (every state needs a colour and a glyph: {string.Join(", ", CellStates.Shown.Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString())))})";
                return false;
            }

            if (!TryColour($"states.{key}.colour", entry.Colour, out colours[(int)state], out error))
            {
                return false;
            }

            if (entry.Glyph is not { } glyph || glyph.EnumerateRunes().Count() != 1 || char.IsControl(glyph[0]) || glyph.EnumerateRunes().First().GetColumns() != 1)
            {
                error = $"states.{key}.glyph must be exactly one printable character one terminal column wide, not {Quoting.Quote(entry.Glyph)}";
                return false;
            }

            glyphs[(int)state] = glyph;
        }

        string? unknown = file.States.Keys.FirstOrDefault(k => !CellStates.Shown.Any(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()) == k));
        if (unknown is not null)
        {
            error = $"states.{unknown} is not a page state";
            return false;
        }

        theme = new Theme(name, file.Description ?? name, file.Glyphs, new ThemeUi(background, foreground, accent, cursor, errorColour), colours, glyphs);
        error = string.Empty;
        return true;
    }

    private static bool TryColour(string field, string? text, out Color colour, out string error)
    {
        colour = default;
        if (string.IsNullOrWhiteSpace(text) || !Color.TryParse(text, CultureInfo.InvariantCulture, out colour))
        {
            error = $"{field}: {Quoting.Quote(text)} is not a colour (write #rrggbb or a colour name)";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>
    /// What is wrong with the JSON, in the theme's terms: the key (from the error's path) and what it should hold, never
    /// the .NET type it failed to become.
    /// </summary>
    private static string Explain(JsonException e)
    {
        string key = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        string expected = key switch
        {
            "" => "a theme object with \"ui\" and \"states\"",
            "ui" or "states" => "an object",
            "glyphs" => "true or false",
            _ when key.StartsWith("states.", StringComparison.Ordinal) && key.Count(c => c == '.') == 1 => "an object with \"colour\" and \"glyph\"",
            _ => "a string",
        };
        bool unknown = e.Message.Contains("could not be mapped", StringComparison.Ordinal);
        return unknown ? $"{(key.Length == 0 ? "a key" : key)} is not a theme key (keys: description, glyphs, ui, states)"
            : e.Message.Contains("could not be converted", StringComparison.Ordinal) ? $"{(key.Length == 0 ? "the file" : key)} must be {expected}"
            : $"not valid JSON ({FirstSentence(e.Message)})";
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
