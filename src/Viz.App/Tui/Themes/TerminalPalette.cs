using Terminal.Gui.Drawing;
using Viz.Pipeline;

using Color = Terminal.Gui.Drawing.Color;

namespace Viz.App.Tui.Themes;

/// <summary>
/// The colours a terminal of some depth can show, and how a theme's 24-bit colours are brought onto them: each state
/// gets the nearest palette colour no other state of another colour took, so states a theme tells apart stay apart
/// (and apart from the background) instead of two of them rounding to the same entry.
/// </summary>
public sealed class TerminalPalette
{
    /// <summary>The 16 ANSI colours with xterm's default RGB for each (xterm's XTerm-col.ad resources).</summary>
    private static readonly (ColorName16 Name, (int R, int G, int B) Rgb)[] AnsiDefaults =
    [
        (ColorName16.Black, (0, 0, 0)),
        (ColorName16.Red, (205, 0, 0)),
        (ColorName16.Green, (0, 205, 0)),
        (ColorName16.Yellow, (205, 205, 0)),
        (ColorName16.Blue, (0, 0, 238)),
        (ColorName16.Magenta, (205, 0, 205)),
        (ColorName16.Cyan, (0, 205, 205)),
        (ColorName16.Gray, (229, 229, 229)),
        (ColorName16.DarkGray, (127, 127, 127)),
        (ColorName16.BrightRed, (255, 0, 0)),
        (ColorName16.BrightGreen, (0, 255, 0)),
        (ColorName16.BrightYellow, (255, 255, 0)),
        (ColorName16.BrightBlue, (92, 92, 255)),
        (ColorName16.BrightMagenta, (255, 0, 255)),
        (ColorName16.BrightCyan, (0, 255, 255)),
        (ColorName16.White, (255, 255, 255)),
    ];

    private readonly Color[] _emitted;
    private readonly (int R, int G, int B)[] _shown;

    private TerminalPalette(Color[] emitted, (int R, int G, int B)[] shown)
    {
        _emitted = emitted;
        _shown = shown;
    }

    /// <summary>
    /// The 16 ANSI colours. Each entry is emitted as Terminal.Gui's own colour of that name, so its 16-colour output
    /// (the nearest of its named colours) maps it to exactly that SGR code; distances are measured to xterm's default
    /// RGB for the entry, which is closer to what terminals show than Terminal.Gui's table.
    /// </summary>
    public static TerminalPalette Ansi16 { get; } = new(
        [.. AnsiDefaults.Select(entry => new Color(entry.Name))],
        [.. AnsiDefaults.Select(entry => entry.Rgb)]);

    /// <summary>
    /// The xterm 256-colour palette without its first 16 entries (which are the user's ANSI colours, set per terminal):
    /// the 6×6×6 cube with levels 0, 95, 135, 175, 215, 255 (entries 16–231) and 24 greys 8, 18, ..., 238 (232–255), as
    /// xterm's 256colres.pl defines them.
    /// </summary>
    public static TerminalPalette Xterm256 { get; } = CreateXterm256();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> Xterm256Indices = new();

    /// <summary>The palette for <paramref name="depth"/>, or null for 24-bit colour.</summary>
    public static TerminalPalette? For(ColourDepth depth) => depth switch
    {
        ColourDepth.Sixteen => Ansi16,
        ColourDepth.Palette256 => Xterm256,
        _ => null,
    };

    /// <summary>The xterm-256 index of <paramref name="colour"/>: exact for a palette colour, else the nearest entry.</summary>
    public static int Xterm256Index(Color colour) =>
        Xterm256Indices.GetOrAdd((colour.R << 16) | (colour.G << 8) | colour.B, _ => 16 + Xterm256.Nearest(Rgb(colour), exclude: null));

    /// <summary><paramref name="theme"/> drawn with this palette's colours.</summary>
    public Theme Adapt(Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        Color[] states = new Color[CellStates.Count];
        string[] glyphs = new string[CellStates.Count];
        int background = Nearest(Rgb(theme.Ui.Background), exclude: null);
        states[(int)CellState.Empty] = _emitted[background];
        glyphs[(int)CellState.Empty] = theme.GlyphOf(CellState.Empty);
        foreach ((CellState state, int index) in AssignDistinct(theme, background))
        {
            states[(int)state] = _emitted[index];
            glyphs[(int)state] = theme.GlyphOf(state);
        }

        var taken = new HashSet<int> { background };
        Color Text(Color colour) => _emitted[Nearest(Rgb(colour), taken)];
        var ui = new ThemeUi(_emitted[background], Text(theme.Ui.Foreground), Text(theme.Ui.Accent), Text(theme.Ui.Cursor), Text(theme.Ui.Error));
        return new Theme(theme.Name, theme.Description, theme.Glyphs, ui, states, glyphs);
    }

    /// <summary>
    /// Each shown state's palette entry: the closest (state, entry) pairs are settled first, and an entry taken by a
    /// state of another colour (or by the background) is not given again; states of the same colour share their entry.
    /// </summary>
    private IEnumerable<(CellState State, int Index)> AssignDistinct(Theme theme, int background)
    {
        var colours = CellStates.Shown.Select(theme.ColourOf).Distinct().ToList();
        var pairs = new List<(double Distance, int Colour, int Index)>();
        for (int c = 0; c < colours.Count; c++)
        {
            for (int i = 0; i < _shown.Length; i++)
            {
                pairs.Add((Distance(Rgb(colours[c]), _shown[i]), c, i));
            }
        }

        var byColour = new Dictionary<int, int>();
        var taken = new HashSet<int> { background };
        foreach ((_, int colour, int index) in pairs.OrderBy(p => p.Distance).ThenBy(p => p.Index))
        {
            if (!byColour.ContainsKey(colour) && taken.Add(index))
            {
                byColour[colour] = index;
            }
        }

        // More colours than entries (only a theme of 16 distinct state colours at 16 colours): the rest share their nearest.
        return CellStates.Shown.Select(state => theme.ColourOf(state)).Select((colour, i) =>
            (CellStates.Shown[i], byColour.TryGetValue(colours.IndexOf(colour), out int index) ? index : Nearest(Rgb(colour), exclude: null)));
    }

    private int Nearest((int R, int G, int B) rgb, HashSet<int>? exclude)
    {
        int best = -1;
        double bestDistance = double.MaxValue;
        for (int i = 0; i < _shown.Length; i++)
        {
            double distance = Distance(rgb, _shown[i]);
            if (distance < bestDistance && exclude?.Contains(i) != true)
            {
                best = i;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// The "redmean" weighted RGB distance (squared): a cheap approximation of perceived difference that weights green
    /// most and red or blue by how red the pair is (Riemersma, "Colour metric", compuphase.com).
    /// </summary>
    private static double Distance((int R, int G, int B) a, (int R, int G, int B) b)
    {
        double redMean = (a.R + b.R) / 2.0;
        int dr = a.R - b.R, dg = a.G - b.G, db = a.B - b.B;
        return ((2 + (redMean / 256)) * dr * dr) + (4 * dg * dg) + ((2 + ((255 - redMean) / 256)) * db * db);
    }

    private static (int R, int G, int B) Rgb(Color colour) => (colour.R, colour.G, colour.B);

    private static TerminalPalette CreateXterm256()
    {
        int[] levels = [0, 95, 135, 175, 215, 255];
        var rgb = new List<(int R, int G, int B)>();
        foreach (int r in levels)
        {
            foreach (int g in levels)
            {
                rgb.AddRange(levels.Select(b => (r, g, b)));
            }
        }

        rgb.AddRange(Enumerable.Range(0, 24).Select(i => (8 + (10 * i), 8 + (10 * i), 8 + (10 * i))));
        return new TerminalPalette([.. rgb.Select(c => new Color(c.R, c.G, c.B))], [.. rgb]);
    }
}
