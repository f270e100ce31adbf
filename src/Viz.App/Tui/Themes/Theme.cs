using Terminal.Gui.Drawing;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;
using Color = Terminal.Gui.Drawing.Color;

namespace Viz.App.Tui.Themes;

/// <summary>A loaded, checked theme: the UI's colours and a colour and glyph for every cell state.</summary>
public sealed class Theme
{
    private readonly Color[] _stateColours;
    private readonly string[] _stateGlyphs;

    /// <summary>Builds a theme; <paramref name="stateColours"/> and <paramref name="stateGlyphs"/> are indexed by <see cref="CellState"/>.</summary>
    public Theme(string name, string description, bool glyphs, ThemeUi ui, Color[] stateColours, string[] stateGlyphs)
    {
        ArgumentNullException.ThrowIfNull(stateColours);
        ArgumentNullException.ThrowIfNull(stateGlyphs);
        if (stateColours.Length != CellStates.Count || stateGlyphs.Length != CellStates.Count)
        {
            throw new ArgumentException($"a theme needs {CellStates.Count} state colours and glyphs");
        }

        Name = name;
        Description = description;
        Glyphs = glyphs;
        Ui = ui;
        _stateColours = stateColours;
        _stateGlyphs = stateGlyphs;
    }

    /// <summary>The theme's name: its file name without <c>.json</c>.</summary>
    public string Name { get; }

    /// <summary>One line about the theme.</summary>
    public string Description { get; }

    /// <summary>
    /// True: the grid draws one page group per character with each state's glyph (states told apart by glyph);
    /// false: two page groups per character with the half block ▀ (states told apart by colour).
    /// </summary>
    public bool Glyphs { get; }

    /// <summary>The colours of everything but the grid.</summary>
    public ThemeUi Ui { get; }

    /// <summary>The colour of <paramref name="state"/>.</summary>
    public Color ColourOf(CellState state) => _stateColours[(int)state];

    /// <summary>The glyph of <paramref name="state"/> (one column wide).</summary>
    public string GlyphOf(CellState state) => _stateGlyphs[(int)state];
}

/// <summary>The colours of everything but the grid.</summary>
/// <param name="Background">Screen background (also the colour of empty cells).</param>
/// <param name="Foreground">Text.</param>
/// <param name="Accent">Headings and key names.</param>
/// <param name="Cursor">The selected cell.</param>
/// <param name="Error">Warnings and errors.</param>
public sealed record ThemeUi(Color Background, Color Foreground, Color Accent, Color Cursor, Color Error)
{
    /// <summary>Plain text.</summary>
    public Attribute Text => new(Foreground, Background);

    /// <summary>Headings and key names: the accent colour, bold.</summary>
    public Attribute Heading => new(Accent, Background, TextStyle.Bold);

    /// <summary>Warnings: the error colour, bold.</summary>
    public Attribute Warning => new(Error, Background, TextStyle.Bold);

    /// <summary>A demo's caption: bold, the background's colour on the accent's, a band the back of a room can read.</summary>
    public Attribute Caption => new(Background, Accent, TextStyle.Bold);
}
