using System.CommandLine;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.Simulation.Scenarios;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz replay FILE [--json]`: a session recorded with --record played again, in the visualizer or, with --json,
/// headless; either way it stops where the session stopped and compares the state hash with the recorded one.
/// </summary>
public static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A recording (balloonviz --record FILE), or a scenario file made from one." };
        Option<bool> json = CliOptions.Json();
        json.Description = "Replay headless and print the outcome as JSON, with the final state hash and whether it is the recorded one.";
        Option<string?> theme = CliOptions.Theme();
        Option<string> colours = CliOptions.Colours();
        var command = new Command("replay", "Replay a recorded session in the visualizer (or headless with --json) and check that it ends in the recorded state.")
        {
            file, json, theme, colours,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            Scenario recording = ScenarioFile.Load(path);
            if (recording.ExpectedHash is not ulong expected || recording.DurationNs is null)
            {
                throw new UsageException($"{path}: not a recording: it has no hash and duration (balloonviz play plays a scenario)");
            }

            if (!parse.GetValue(json))
            {
                return TuiApp.Run(VisualizerCommand.ScenarioOptions(recording, stopAtChapters: false, parse.GetValue(theme), parse.GetRequiredValue(colours)), parse.InvocationConfiguration.Error);
            }

            ScenarioOutcome outcome = ScenarioPlayer.Play(recording);
            JsonObject result = PlayCommand.ToJson(recording, outcome);
            result["expectedHash"] = expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result["hashMatches"] = outcome.FinalHash == expected;
            JsonOutput.Write(parse.InvocationConfiguration.Output, result);
            return outcome.FinalHash == expected && outcome.Passed ? 0 : ExitCodes.ExpectationFailed;
        });
        return command;
    }
}
