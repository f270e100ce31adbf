namespace Viz.App.Tui.Themes;

/// <summary>How many colours the terminal can show.</summary>
public enum ColourDepth
{
    /// <summary>The 16 ANSI colours (SGR 30–37, 90–97): the Linux console, TERM=xterm, screen, vt100 with colour.</summary>
    Sixteen,

    /// <summary>The xterm 256-colour palette (SGR 38;5;N): TERM=*-256color without COLORTERM.</summary>
    Palette256,

    /// <summary>24-bit colour (SGR 38;2;R;G;B): only where the terminal says so (COLORTERM=truecolor or 24bit).</summary>
    TrueColor,
}

/// <summary>Finds the colour depth from the environment the way terminal programs agree on it.</summary>
public static class ColourDepths
{
    /// <summary>The words --colours takes, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "16", "256", "truecolor"];

    /// <summary>
    /// The depth the environment says: COLORTERM=truecolor or 24bit (the de-facto convention, see termstandard/colors),
    /// a TERM ending in -direct (terminfo's direct-colour entries) or Windows Terminal (WT_SESSION) mean 24-bit;
    /// a TERM with 256color means the xterm palette; anything else gets the 16 ANSI colours, which every colour terminal has.
    /// </summary>
    public static ColourDepth Detect(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string colourTerm = environment("COLORTERM") ?? string.Empty;
        string term = environment("TERM") ?? string.Empty;
        if (colourTerm.Equals("truecolor", StringComparison.OrdinalIgnoreCase) || colourTerm.Equals("24bit", StringComparison.OrdinalIgnoreCase)
            || term.EndsWith("-direct", StringComparison.Ordinal) || !string.IsNullOrEmpty(environment("WT_SESSION")))
        {
            return ColourDepth.TrueColor;
        }

        return term.Contains("256color", StringComparison.Ordinal) ? ColourDepth.Palette256 : ColourDepth.Sixteen;
    }

    /// <summary>
    /// The depth <paramref name="choice"/> (one of <see cref="Names"/>) asks for; "auto" detects it. False for any other word.
    /// </summary>
    public static bool TryChoose(string choice, Func<string, string?> environment, out ColourDepth depth)
    {
        ArgumentNullException.ThrowIfNull(choice);
        depth = choice switch
        {
            "16" => ColourDepth.Sixteen,
            "256" => ColourDepth.Palette256,
            "truecolor" or "24bit" => ColourDepth.TrueColor,
            _ => Detect(environment),
        };
        return choice is "auto" or "16" or "256" or "truecolor" or "24bit";
    }

    /// <summary>How the status line and help name a depth.</summary>
    public static string Describe(ColourDepth depth) => depth switch
    {
        ColourDepth.Sixteen => "16 colours",
        ColourDepth.Palette256 => "256 colours",
        _ => "24-bit colour",
    };
}
