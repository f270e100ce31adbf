using System.CommandLine;
using System.Globalization;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.App.Tui.Themes;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz cast NAME|FILE -o FILE.cast`: a tour or scenario rendered into an asciinema v2 recording from the
/// visualizer's own screen (see <see cref="CastRenderer"/>), playable with <c>asciinema play</c> and asciinema's player.
/// </summary>
public static class CastCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "A tour's name (balloonviz demo --list) or a scenario file (.yaml)." };
        Option<string?> output = CliOptions.OutputFile("--output", "The recording to write (asciicast v2).", ".cast");
        output.Aliases.Add("-o");
        output.Required = true;
        var size = new Option<string>("--size") { Description = "The terminal's size in columns and rows.", HelpName = "COLSxROWS", DefaultValueFactory = _ => "120x35" }.ShowingDefault("120x35");
        Option<string?> theme = CliOptions.Theme();
        Option<long> maxLength = CliOptions.Duration("--max-length", "The longest the recording runs (its own time, not the guest's).", 10 * 60 * SimDuration.NsPerSecond, 3600 * SimDuration.NsPerSecond);
        var command = new Command("cast", "Render a tour or a scenario file into an asciinema recording (asciicast v2) of the visualizer's own screen.")
        {
            scenario, output, size, theme, maxLength,
        };
        command.SetAction(parse =>
        {
            Scenario loaded = Tours.Load(parse.GetRequiredValue(scenario));
            (int width, int height) = Size(parse.GetRequiredValue(size));
            var themes = new ThemeCatalog([ThemeLoader.DefaultFolder, ThemeCatalog.UserFolder(Environment.GetEnvironmentVariable)]);
            Theme chosen = TuiApp.ChooseTheme(themes, parse.GetValue(theme) ?? ThemeLoader.DefaultName, out string? problem);
            string path = parse.GetValue(output)!;
            TimeSpan length;
            try
            {
                using var file = new StreamWriter(path);
                length = CastRenderer.Render(loaded, file, width, height, chosen, themes, TimeSpan.FromTicks(parse.GetValue(maxLength) / 100));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--output {path}: {e.Message}");
            }

            TextWriter error = parse.InvocationConfiguration.Error;
            if (problem is not null)
            {
                error.WriteLine($"balloonviz: {problem}");
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"balloonviz: {path}: {length.TotalSeconds:0.#} s at {width}x{height}; play it with asciinema play {path}"));
            return 0;
        });
        return command;
    }

    private static (int Width, int Height) Size(string text) =>
        CliOptions.Dimensions("--size", text, "COLSxROWS", (ScreenLayout.MinColumns, ScreenLayout.MinRows), (500, 200), "120x35");
}
