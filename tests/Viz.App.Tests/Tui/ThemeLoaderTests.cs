using Viz.App.Common;
using Viz.App.Tui;
using Viz.App.Tui.Themes;
using Viz.Pipeline;

namespace Viz.App.Tests.Tui;

public sealed class ThemeLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("balloonviz-themes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_folder, name + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string ValidJson(string? replaceKernelColour = null) =>
        File.ReadAllText(Path.Combine(ThemeLoader.DefaultFolder, "light.json")).Replace("#795548", replaceKernelColour ?? "#795548", StringComparison.Ordinal);

    [Fact]
    public void Every_shipped_theme_loads_and_the_default_comes_first()
    {
        IReadOnlyList<Theme> themes = Headless.ShippedThemes();
        Assert.Equal(["default", "light", "high-contrast", "okabe-ito", "ansi16", "mono"], themes.Select(t => t.Name));
        Assert.True(themes.Single(t => t.Name == "mono").Glyphs);
    }

    [Fact]
    public void Every_theme_but_mono_gives_each_state_its_own_colour_and_mono_its_own_glyph()
    {
        foreach (Theme theme in Headless.ShippedThemes())
        {
            IEnumerable<object> marks = theme.Glyphs
                ? CellStates.Shown.Select(s => (object)theme.GlyphOf(s))
                : CellStates.Shown.Select(s => (object)theme.ColourOf(s));
            Assert.Equal(CellStates.Shown.Count, marks.Distinct().Count());
        }
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        string path = Write("broken", "{\n  \"glyphs\": false,\n  \"ui\": {\n");
        Assert.False(ThemeLoader.TryLoad(path, out _, out string problem));
        Assert.StartsWith($"theme {Path.GetFileName(_folder)}/broken.json: line ", problem, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", problem, StringComparison.Ordinal);
        Assert.EndsWith("using the default theme", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_colour_is_named_by_its_field()
    {
        string path = Write("sepia", ValidJson("brownish"));
        Assert.False(ThemeLoader.TryLoad(path, out _, out string problem));
        Assert.Contains("sepia.json: states.kernel.colour: 'brownish' is not a colour", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_state_and_an_unknown_field_are_reported()
    {
        string missing = Write("missing", ValidJson().Replace("\"hinted\":", "\"hinty\":", StringComparison.Ordinal));
        Assert.False(ThemeLoader.TryLoad(missing, out _, out string problem));
        Assert.Contains("states.hinted is missing", problem, StringComparison.Ordinal);

        string extra = Write("extra", ValidJson().Replace("\"glyphs\"", "\"glyph_mode\": 1, \"glyphs\"", StringComparison.Ordinal));
        Assert.False(ThemeLoader.TryLoad(extra, out _, out problem));
        Assert.Contains("extra.json", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glyph_must_be_one_character()
    {
        string path = Write("wide", ValidJson().Replace("\"glyph\": \"K\"", "\"glyph\": \"KK\"", StringComparison.Ordinal));
        Assert.False(ThemeLoader.TryLoad(path, out _, out string problem));
        Assert.Contains("states.kernel.glyph must be exactly one printable character", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_a_malformed_default_falls_back_to_the_built_in_default()
    {
        Write("default", "not json");
        Write("light", ValidJson());
        var catalog = new ThemeCatalog([_folder]);
        Assert.Equal(["default", "light"], catalog.Names);
        Assert.True(catalog.TryGet("default", out Theme? standard, out _));
        Assert.Same(BuiltInTheme.Default, standard);
        Assert.True(catalog.TryGet("light", out Theme? light, out _));
        Assert.Equal("light", light.Name);
    }

    [Fact]
    public void Choosing_a_malformed_theme_falls_back_to_the_default_and_an_unknown_one_is_bad_input()
    {
        Write("broken", "{");
        var catalog = new ThemeCatalog([_folder]);
        Assert.Equal("default", TuiApp.ChooseTheme(catalog, "broken", out string? problem).Name);
        Assert.Contains("broken.json", problem, StringComparison.Ordinal);
        var error = Assert.Throws<UsageException>(() => TuiApp.ChooseTheme(catalog, "neon", out _));
        Assert.Contains("no theme called 'neon'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("", "default")]
    [InlineData("1", "mono")]
    [InlineData("yes", "mono")]
    public void No_color_set_to_anything_chooses_the_glyph_only_mono_theme(string? noColor, string theme) =>
        Assert.Equal(theme, Viz.App.Cli.VisualizerCommand.DefaultTheme(name => name == "NO_COLOR" ? noColor : null, ColourDepth.TrueColor));

    [Theory]
    [InlineData(ColourDepth.Sixteen, null, "ansi16")]
    [InlineData(ColourDepth.Palette256, null, "default")]
    [InlineData(ColourDepth.Sixteen, "1", "mono")]
    public void A_16_colour_terminal_starts_with_the_theme_made_of_the_16_ANSI_colours(ColourDepth depth, string? noColor, string theme) =>
        Assert.Equal(theme, Viz.App.Cli.VisualizerCommand.DefaultTheme(name => name == "NO_COLOR" ? noColor : null, depth));

    [Fact]
    public void Only_the_chosen_theme_is_read_and_each_broken_one_gets_its_own_message_when_cycled_to()
    {
        Write("default", ValidJson());
        Write("aaa", "{ \"ui\": 1 }");
        Write("bbb", "not json");
        Write("huge", "{" + new string(' ', (int)ThemeLoader.MaxFileBytes) + "}");
        var catalog = new ThemeCatalog([_folder]);
        Assert.True(catalog.TryGet("default", out Theme? current, out _));
        var problems = new List<string>();

        Theme next = catalog.Next(current, problems);

        Assert.Same(current, next);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("aaa.json", StringComparison.Ordinal) && p.Contains("ui must be an object", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("bbb.json", StringComparison.Ordinal) && p.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("huge.json", StringComparison.Ordinal) && p.Contains("too large for a theme", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("System.", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("漢")]
    [InlineData("ab")]
    [InlineData("\u0301")]
    public void A_glyph_must_be_one_terminal_column_wide(string glyph)
    {
        string path = Write("wide", ValidJson().Replace("\"glyph\": \"K\"", $"\"glyph\": \"{glyph}\"", StringComparison.Ordinal));
        Assert.False(ThemeLoader.TryLoad(path, out _, out string problem));
        Assert.Contains("one terminal column wide", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Themes_come_from_the_users_folder_too_and_from_a_path_and_a_users_file_wins()
    {
        string user = Directory.CreateDirectory(Path.Combine(_folder, "user")).FullName;
        File.WriteAllText(Path.Combine(user, "light.json"), ValidJson("#123456"));
        File.WriteAllText(Path.Combine(user, "mine.json"), ValidJson());
        var catalog = new ThemeCatalog([ThemeLoader.DefaultFolder, user]);
        Assert.Contains("mine", catalog.Names);
        Assert.True(catalog.TryGet("light", out Theme? light, out _));
        Assert.Equal(Terminal.Gui.Drawing.Color.Parse("#123456", System.Globalization.CultureInfo.InvariantCulture), light.ColourOf(CellState.Kernel));
        string path = Write("elsewhere", ValidJson());
        Assert.True(catalog.TryGet(path, out Theme? elsewhere, out _));
        Assert.Equal("elsewhere", elsewhere.Name);
        Assert.Contains("elsewhere", catalog.Names);
        Assert.Equal(Path.Combine("/cfg", "balloonviz", "themes"), ThemeCatalog.UserFolder(n => n == "XDG_CONFIG_HOME" ? "/cfg" : null));
        Assert.Equal(Path.Combine("/home/u", ".config", "balloonviz", "themes"), ThemeCatalog.UserFolder(n => n == "HOME" ? "/home/u" : null));
    }
}
