using System.CommandLine;
using System.Globalization;
using Viz.App.Common;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz calibrate FILE...`: fits the cost profile's per-page costs to a user's own completed migrations, from
/// the query-migrate replies QEMU gives for them, and writes the profile for --costs.
/// </summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "query-migrate replies of completed migrations (the whole QMP reply or its return object), one per file.", Arity = ArgumentArity.OneOrMore };
        Option<string?> output = CliOptions.FilePath("--output", "Write the fitted cost profile here (JSON, for --costs).", "-o");
        var command = new Command("calibrate", "Fit the migration cost profile to your own host from query-migrate replies of completed migrations, and print the fit with each run's residual.") { files, output };
        command.SetAction(parse =>
        {
            MeasuredMigration[] runs = [.. parse.GetRequiredValue(files).Select(QueryMigrateReply.Load).Select(r => r.Measured)];
            if (!CostCalibration.TryFit(runs, MigrationCosts.Default, out CostCalibration? fit, out string problem))
            {
                throw new UsageException(problem);
            }

            TextWriter text = parse.InvocationConfiguration.Output;
            Write(text, fit);
            if (parse.GetValue(output) is string target)
            {
                WriteProfile(target, CostProfile.ToJson(fit.Costs, $"fitted by balloonviz calibrate to {runs.Length} migration{(runs.Length == 1 ? string.Empty : "s")}", fit.Fitted));
                text.WriteLine($"profile written to {target}; use it with --costs {target}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Writes the profile through a temporary file, so a failed write leaves nothing half-written.</summary>
    private static void WriteProfile(string path, string json)
    {
        string temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new UsageException($"{InputFile.Named(path)}: cannot write the profile: {InputFile.Unreadable(e)}");
        }
    }

    private static void Write(TextWriter text, CostCalibration fit)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        foreach ((MeasuredMigration run, double modelled) in fit.Runs)
        {
            rows.Add([Path.GetFileName(run.Name), run.ZeroPages.ToString("N0", c), run.NormalPages.ToString("N0", c), run.TotalTimeMs.ToString("0.0", c) + " ms", modelled.ToString("0.0", c) + " ms", Math.Round((modelled / run.TotalTimeMs) - 1, 3).ToString("+0.0%;-0.0%;0.0%", c)]);
        }

        ColumnTable.Write(text, ["run", "zero pages", "normal pages", "measured", "modelled", "residual"], rows);
        text.WriteLine($"zeroPageNs    {CostProfile.Ns(fit.Costs.ZeroPageNs)}{(fit.Fitted.Contains("zeroPageNs") ? " (fitted)" : " (kept)")}");
        text.WriteLine($"normalPageNs  {CostProfile.Ns(fit.Costs.NormalPageNs)}{(fit.Fitted.Contains("normalPageNs") ? " (fitted)" : " (kept: one run cannot tell the two page costs apart; give runs with different shares of zero pages to fit it)")}");
    }
}
