using System.CommandLine;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz demo NAME|FILE`: a tour or a scenario file played in the visualizer, with its caption bar, waiting at
/// each chapter for the presenter (space or →) unless --no-stops; `demo --list` lists the tours.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string?>("scenario") { Description = "A tour's name (see --list) or a scenario file (.yaml).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the built-in tours, one a line, with what each shows." };
        var noStops = new Option<bool>("--no-stops") { Description = "Run through the chapter marks instead of waiting at each for space or the right arrow key." };
        Option<string?> theme = CliOptions.Theme();
        Option<string> colours = CliOptions.Colours();
        var command = new Command("demo", "Play a built-in tour or a scenario file in the visualizer, with captions, waiting at each chapter for space or the right arrow key.")
        {
            scenario, list, noStops, theme, colours,
        };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(list))
            {
                if (parse.GetValue(scenario) is string extra)
                {
                    throw new UsageException($"demo --list lists the tours and plays none; leave out {Quoting.Quote(extra)}");
                }

                int width = Tours.Names.Max(n => n.Length);
                foreach (string tour in Tours.Names)
                {
                    output.WriteLine($"{tour.PadRight(width)}  {Tours.Load(tour).Description}");
                }

                return 0;
            }

            string name = parse.GetValue(scenario) ?? throw new UsageException("demo takes a tour's name or a scenario file; balloonviz demo --list lists the tours");
            Scenario loaded = Tours.Load(name);
            return TuiApp.Run(VisualizerCommand.ScenarioOptions(loaded, !parse.GetValue(noStops), parse.GetValue(theme), parse.GetRequiredValue(colours)), parse.InvocationConfiguration.Error);
        });
        return command;
    }
}
