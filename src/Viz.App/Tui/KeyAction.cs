using System.Text;
using Terminal.Gui.Input;

namespace Viz.App.Tui;

/// <summary>
/// One line of the key map: what it does, the characters that trigger it and the fixed special keys. A binding has one
/// slot per thing it does (faster and slower; inflate and deflate), each slot its own characters; a key's slot tells the
/// action which one was pressed. Characters can be rebound (a config file's [keys] table); special keys cannot.
/// </summary>
/// <param name="Name">Its name in a config file's [keys] table and in --keys ("migrate", "speed").</param>
/// <param name="Description">What it does.</param>
/// <param name="Slots">For each slot, the characters that trigger it (case matters: <c>m</c> and <c>M</c> differ); the first is the one shown.</param>
/// <param name="Specials">Non-character keys that trigger slot 0 (F1, arrows); how they are written follows <paramref name="SpecialsLabel"/>.</param>
/// <param name="SpecialsLabel">How the help screen writes the special keys ("F1", "arrows").</param>
/// <param name="Action">What it does to the visualizer, given the key pressed and its slot.</param>
/// <param name="Hint">How the status bar names it ("migrate"), or null when the status bar leaves it out.</param>
public sealed record KeyAction(string Name, string Description, string[] Slots, Key[] Specials, string SpecialsLabel, Action<VisualizerViewModel, Key, int> Action, string? Hint = null)
{
    /// <summary>How the help screen writes its keys ("+  -", "?  F1").</summary>
    public string Label => string.Join("  ", Slots.Where(s => s.Length > 0).Select(s => Display(s[0])).Append(SpecialsLabel).Where(s => s.Length > 0));

    /// <summary>The status bar's hint ("[+/-] speed"), or null.</summary>
    public string? StatusHint => Hint is null ? null : $"[{string.Join("/", Slots.Where(s => s.Length > 0).Select(s => Display(s[0])))}] {Hint}";

    /// <summary>Which slot <paramref name="key"/> triggers, or -1.</summary>
    public int SlotOf(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Specials.Any(special => key == special))
        {
            return 0;
        }

        char typed = key.IsCtrl || key.IsAlt ? '\0' : Typed(key);
        return typed == '\0' ? -1 : Array.FindIndex(Slots, slot => slot.Contains(typed, StringComparison.Ordinal));
    }

    /// <summary>This binding with its slots' characters replaced by <paramref name="characters"/>, one per slot.</summary>
    public KeyAction Rebound(string characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        return this with { Slots = [.. characters.Select(c => c.ToString())] };
    }

    /// <summary>The character <paramref name="key"/> types, or '\0' for a key that types none.</summary>
    public static char Typed(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Rune rune = key.AsRune;
        return rune.Value > 0 && rune.IsBmp ? (char)rune.Value : '\0';
    }

    private static string Display(char key) => key == ' ' ? "space" : key.ToString();
}
