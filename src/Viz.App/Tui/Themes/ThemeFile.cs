namespace Viz.App.Tui.Themes;

/// <summary>A theme file as written in <c>themes/NAME.json</c>, before it is checked.</summary>
internal sealed class ThemeFile
{
    /// <summary>One line about the theme.</summary>
    public string? Description { get; set; }

    /// <summary>Draw states by glyph, one page group per character.</summary>
    public bool Glyphs { get; set; }

    /// <summary>The UI colours.</summary>
    public ThemeUiFile? Ui { get; set; }

    /// <summary>Colour and glyph per state, by the state's camelCase name.</summary>
    public Dictionary<string, ThemeStateFile>? States { get; set; }
}

/// <summary>The <c>ui</c> object of a theme file.</summary>
internal sealed class ThemeUiFile
{
    /// <summary>Background.</summary>
    public string? Background { get; set; }

    /// <summary>Text.</summary>
    public string? Foreground { get; set; }

    /// <summary>Headings and keys.</summary>
    public string? Accent { get; set; }

    /// <summary>Selected cell.</summary>
    public string? Cursor { get; set; }

    /// <summary>Warnings and errors.</summary>
    public string? Error { get; set; }
}

/// <summary>One entry of the <c>states</c> object of a theme file.</summary>
internal sealed class ThemeStateFile
{
    /// <summary>Colour: #rrggbb or a colour name.</summary>
    public string? Colour { get; set; }

    /// <summary>One character.</summary>
    public string? Glyph { get; set; }
}
