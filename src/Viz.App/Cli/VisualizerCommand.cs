using System.CommandLine;
using Viz.App.Tui;

namespace Viz.App.Cli;

/// <summary>`balloonviz` with no command: the interactive visualizer and its start-up options.</summary>
public static class VisualizerCommand
{
    /// <summary>Adds the visualizer's options and action to the root command.</summary>
    public static void Configure(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var guest = new GuestArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint): the guest hints free 4 MiB blocks during a migration (m).", false);
        Option<StartSpeed> speed = CliOptions.Speed();
        Option<string?> theme = CliOptions.Theme();
        Option<string> colours = CliOptions.Colours();
        Option<string[]> keys = CliOptions.Keys();
        Option<string?> costs = CliOptions.FilePath("--costs", "A migration cost profile (JSON, e.g. from balloonviz calibrate) for the migrations m and M start.");
        guest.AddTo(root);
        foreach (Option option in new Option[] { hinting, speed, theme, colours, keys, costs })
        {
            root.Options.Add(option);
        }

        root.SetAction(parse =>
        {
            StartSpeed start = parse.GetRequiredValue(speed);
            Tui.Themes.ColourDepths.TryChoose(parse.GetRequiredValue(colours), Environment.GetEnvironmentVariable, out Tui.Themes.ColourDepth depth);
            var options = new TuiOptions
            {
                Simulation = guest.Read(parse, parse.GetValue(hinting) == Switch.On),
                Speed = start.Speed,
                Paused = start.Paused,
                ColourDepth = depth,
                Keys = CliOptions.KeyMapOf(parse.GetValue(keys) ?? []),
                Migration = new Viz.Simulation.Migration.MigrationParameters { Costs = parse.GetValue(costs) is string file ? CostProfile.Load(file) : Viz.Simulation.Migration.MigrationCosts.Default },
                Theme = parse.GetValue(theme) ?? DefaultTheme(Environment.GetEnvironmentVariable, depth),
            };
            return TuiApp.Run(options, parse.InvocationConfiguration.Error);
        });
    }

    /// <summary>
    /// The theme when --theme is not given: the glyph-only mono theme when NO_COLOR is set to anything (no-color.org);
    /// the one made of the 16 ANSI colours on a 16-colour terminal; else the default.
    /// </summary>
    public static string DefaultTheme(Func<string, string?> environment, Tui.Themes.ColourDepth depth)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(environment("NO_COLOR")) ? Tui.Themes.ThemeLoader.MonoName
            : depth == Tui.Themes.ColourDepth.Sixteen ? Tui.Themes.ThemeLoader.Ansi16Name
            : Tui.Themes.ThemeLoader.DefaultName;
    }
}
