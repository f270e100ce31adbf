using System.Text.RegularExpressions;
using Viz.App.Tui;
using Viz.App.Tui.Themes;
using Viz.Pipeline;

namespace Viz.App.Tests.Tui;

public sealed partial class ColourDepthTests
{
    [Theory]
    [InlineData("xterm-256color", "truecolor", null, ColourDepth.TrueColor)]
    [InlineData("xterm-256color", "24bit", null, ColourDepth.TrueColor)]
    [InlineData("xterm-direct", null, null, ColourDepth.TrueColor)]
    [InlineData("xterm-256color", null, "{guid}", ColourDepth.TrueColor)]
    [InlineData("xterm-256color", null, null, ColourDepth.Palette256)]
    [InlineData("tmux-256color", null, null, ColourDepth.Palette256)]
    [InlineData("screen-256color", "", null, ColourDepth.Palette256)]
    [InlineData("xterm", null, null, ColourDepth.Sixteen)]
    [InlineData("linux", null, null, ColourDepth.Sixteen)]
    [InlineData("screen", null, null, ColourDepth.Sixteen)]
    [InlineData(null, null, null, ColourDepth.Sixteen)]
    public void The_depth_comes_from_COLORTERM_and_TERM_and_24_bit_only_when_the_terminal_says_so(string? term, string? colourTerm, string? windowsTerminal, ColourDepth expected)
    {
        string? Environment(string name) => name switch { "TERM" => term, "COLORTERM" => colourTerm, "WT_SESSION" => windowsTerminal, _ => null };
        Assert.Equal(expected, ColourDepths.Detect(Environment));
    }

    [Theory]
    [InlineData("16", ColourDepth.Sixteen)]
    [InlineData("256", ColourDepth.Palette256)]
    [InlineData("truecolor", ColourDepth.TrueColor)]
    public void A_chosen_depth_overrides_the_environment(string choice, ColourDepth expected)
    {
        Assert.True(ColourDepths.TryChoose(choice, name => name == "COLORTERM" ? "truecolor" : null, out ColourDepth depth));
        Assert.Equal(expected, depth);
        Assert.False(ColourDepths.TryChoose("88", _ => null, out _));
    }

    [Fact]
    public void Every_xterm_palette_colour_maps_to_its_own_index_and_others_to_the_nearest()
    {
        int[] levels = [0, 95, 135, 175, 215, 255];
        for (int i = 16; i < 232; i++)
        {
            int n = i - 16;
            Assert.Equal(i, TerminalPalette.Xterm256Index(new Terminal.Gui.Drawing.Color(levels[n / 36], levels[n / 6 % 6], levels[n % 6])));
        }

        for (int i = 232; i < 256; i++)
        {
            int grey = 8 + (10 * (i - 232));
            Assert.Equal(i, TerminalPalette.Xterm256Index(new Terminal.Gui.Drawing.Color(grey, grey, grey)));
        }

        Assert.Equal(196, TerminalPalette.Xterm256Index(new Terminal.Gui.Drawing.Color(250, 10, 5)));
        Assert.Equal("\u001b[38;5;196m\u001b[48;5;16m", Palette256Output.ToPaletteCodes("\u001b[38;2;255;0;0m\u001b[48;2;0;0;0m"));
        Assert.Equal("\u001b[1m\u001b[38;5;231m", Palette256Output.ToPaletteCodes("\u001b[1m\u001b[38;2;255;255;255m"));
    }

    [Theory]
    [InlineData(ColourDepth.Sixteen)]
    [InlineData(ColourDepth.Palette256)]
    public void Every_shipped_theme_keeps_its_states_apart_and_off_the_background_at_each_depth(ColourDepth depth)
    {
        foreach ((Theme full, Theme adapted) in Headless.ShippedThemes().Zip(Headless.ShippedThemes(depth)))
        {
            var seen = new Dictionary<Terminal.Gui.Drawing.Color, Terminal.Gui.Drawing.Color>();
            foreach (CellState state in CellStates.Shown)
            {
                Terminal.Gui.Drawing.Color original = full.ColourOf(state), shown = adapted.ColourOf(state);
                if (full.ColourOf(state) != full.Ui.Background)
                {
                    Assert.True(shown != adapted.Ui.Background, $"{full.Name}: {state} is drawn in the background colour at {depth}");
                }

                if (seen.TryGetValue(shown, out Terminal.Gui.Drawing.Color other))
                {
                    Assert.True(other == original, $"{full.Name}: {state} shares its colour with another state at {depth}");
                }

                seen[shown] = original;
            }

            Assert.NotEqual(adapted.Ui.Background, adapted.Ui.Foreground);
        }
    }

    [Fact]
    public void The_ansi16_theme_is_drawn_at_16_colours_exactly_as_written()
    {
        Theme written = Headless.ShippedThemes().Single(t => t.Name == ThemeLoader.Ansi16Name);
        Theme shown = Headless.ShippedThemes(ColourDepth.Sixteen).Single(t => t.Name == ThemeLoader.Ansi16Name);
        Assert.Equal(CellStates.Shown.Count, CellStates.Shown.Select(shown.ColourOf).Distinct().Count());
        Assert.All(CellStates.Shown, state =>
            Assert.Equal(TerminalPalette.Ansi16.Adapt(written).ColourOf(state), shown.ColourOf(state)));
    }

    [Theory]
    [InlineData(ColourDepth.Sixteen, "ansi16")]
    [InlineData(ColourDepth.Sixteen, "default")]
    [InlineData(ColourDepth.Palette256, "default")]
    [InlineData(ColourDepth.Palette256, "light")]
    public void The_screen_is_written_with_only_the_codes_the_terminal_has(ColourDepth depth, string theme)
    {
        var control = new RecordingControl(Headless.SmallGuest);
        using Headless screen = Headless.Visualizer(120, 35, control, out _, depth, theme);
        control.Pump();
        screen.Draw();
        string ansi = screen.Ansi();
        Assert.DoesNotContain(";2;", ansi, StringComparison.Ordinal);
        var codes = ColourCode().Matches(ansi).Select(m => m.Value).Distinct().ToList();
        if (depth == ColourDepth.Sixteen)
        {
            Assert.DoesNotContain(codes, c => c.Contains(";5;", StringComparison.Ordinal));
            Assert.True(codes.Count >= 8, $"only {codes.Count} colour codes: {string.Join(" ", codes)}");
        }
        else
        {
            Assert.Contains(codes, c => c.StartsWith("38;5;", StringComparison.Ordinal));
            Assert.Contains(codes, c => c.StartsWith("48;5;", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"(?<=\u001b\[)[0-9;]+(?=m)")]
    private static partial Regex ColourCode();
}
