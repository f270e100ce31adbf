using System.Text;
using Terminal.Gui.Input;

namespace Viz.App.Tui;

/// <summary>
/// One key of the visualizer: what the help screen and status bar call it, what it does, and how it is recognised —
/// by the character typed (case matters: <c>m</c> and <c>M</c> differ) or by a special key such as an arrow.
/// </summary>
/// <param name="Label">How the key is written for a person ("space", "PgUp", "m").</param>
/// <param name="Description">What it does.</param>
/// <param name="Characters">Characters that trigger it.</param>
/// <param name="Specials">Non-character keys that trigger it.</param>
/// <param name="Action">What it does to the visualizer, given the key pressed.</param>
/// <param name="StatusHint">How the status bar names it ("[m] migrate"), or null when the status bar leaves it out.</param>
public sealed record KeyAction(string Label, string Description, string Characters, Key[] Specials, Action<VisualizerViewModel, Key> Action, string? StatusHint = null)
{
    /// <summary>Whether <paramref name="key"/> triggers this binding.</summary>
    public bool Matches(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (Key special in Specials)
        {
            if (key == special)
            {
                return true;
            }
        }

        if (key.IsCtrl || key.IsAlt || Characters.Length == 0)
        {
            return false;
        }

        char typed = Typed(key);
        return typed != '\0' && Characters.Contains(typed, StringComparison.Ordinal);
    }

    /// <summary>The character <paramref name="key"/> types, or '\0' for a key that types none.</summary>
    public static char Typed(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Rune rune = key.AsRune;
        return rune.Value > 0 && rune.IsBmp ? (char)rune.Value : '\0';
    }
}
