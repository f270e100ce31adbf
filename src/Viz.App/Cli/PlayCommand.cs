using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz play NAME|FILE [--json]`: a built-in tour or a scenario file played headless, as fast as it computes:
/// each step as it happens and each expectation with its figure; exit code 1 when an expectation fails or a step
/// never happens.
/// </summary>
public static class PlayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "A tour's name (balloonviz demo --list) or a scenario file (.yaml)." };
        Option<bool> json = CliOptions.Json();
        var command = new Command("play", "Play a built-in tour or a scenario file headless: print each step and each expectation with its figure; exit 1 if one fails.")
        {
            scenario, json,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetRequiredValue(scenario);
            Scenario loaded = Tours.Load(name);
            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "playing");
            ScenarioOutcome outcome = ScenarioPlayer.Play(loaded, elapsed => progress.Update(Math.Min(1, elapsed / (double)Math.Max(1, loaded.DurationNs ?? elapsed)), $"{SimDuration.Format(elapsed)} simulated"));
            progress.Clear();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, ToJson(loaded, outcome));
            }
            else
            {
                WriteText(output, loaded, outcome);
            }

            return outcome.Passed ? 0 : ExitCodes.ExpectationFailed;
        });
        return command;
    }

    /// <summary>The outcome as JSON: the scenario, whether it passed, its steps with their figures, and its final state.</summary>
    public static JsonObject ToJson(Scenario scenario, ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(outcome);
        var steps = new JsonArray();
        foreach (FiredStep fired in outcome.Steps)
        {
            var step = new JsonObject { ["line"] = fired.Step.Line, ["timeS"] = fired.TimeNs / (double)SimDuration.NsPerSecond };
            if (fired.Step.Action is ScenarioAction action)
            {
                step["do"] = action.Text;
            }

            if (fired.Step.Chapter is string chapter)
            {
                step["chapter"] = chapter;
            }

            if (fired.Step.Expect is ScenarioCheck check)
            {
                step["expect"] = check.Text;
                step["actual"] = fired.Actual;
                step["passed"] = fired.Passed;
            }

            steps.Add(step);
        }

        return new JsonObject
        {
            ["title"] = scenario.Title,
            ["passed"] = outcome.Passed,
            ["expectations"] = outcome.Steps.Count(s => s.Step.Expect is not null),
            ["failed"] = outcome.Steps.Count(s => !s.Passed),
            ["stuckAtLine"] = outcome.Stuck?.Line,
            ["elapsedS"] = outcome.ElapsedNs / (double)SimDuration.NsPerSecond,
            ["finalHash"] = outcome.FinalHash.ToString(CultureInfo.InvariantCulture),
            ["events"] = outcome.Events,
            ["steps"] = steps,
        };
    }

    private static void WriteText(TextWriter output, Scenario scenario, ScenarioOutcome outcome)
    {
        output.WriteLine(scenario.Title);
        foreach (FiredStep fired in outcome.Steps)
        {
            var parts = new List<string>();
            if (fired.Step.Chapter is string chapter)
            {
                parts.Add($"[{chapter}]");
            }

            if (fired.Step.Action is ScenarioAction action)
            {
                parts.Add(action.Text);
            }

            if (fired.Step.Expect is ScenarioCheck check)
            {
                parts.Add($"expect {check.Text}: {check.Figure.Format(fired.Actual)} {(fired.Passed ? "ok" : "FAILED")}");
            }

            if (parts.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{SimDuration.Format(fired.TimeNs),10}  {string.Join("  ", parts)}"));
            }
        }

        if (outcome.Stuck is ScenarioStep stuck)
        {
            output.WriteLine($"line {stuck.Line}: {((WhenTrigger)stuck.Trigger).Condition.Text} did not happen within {SimDuration.Format(ScenarioTimeline.MaxWaitNs)}");
        }

        int expectations = outcome.Steps.Count(s => s.Step.Expect is not null);
        int failed = outcome.Steps.Count(s => !s.Passed);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(outcome.Passed ? "passed" : "FAILED")}: {expectations - failed} of {expectations} expectations; {SimDuration.Format(outcome.ElapsedNs)} simulated; final state hash {outcome.FinalHash}"));
    }
}
