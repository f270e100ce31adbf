using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz sweep compare|migrate|run|host [options]`: the command named, over the product of lists and ranges of
/// its options' values, points in parallel, results as JSON lines (resumable), a table, a terminal chart, CSV and a
/// plot; and, for a batch engine's array job, the points listed and run one at a time.
/// </summary>
public static class SweepCommand
{
    /// <summary>Builds the command; <paramref name="environment"/> gives each point the config file the sweep itself would read.</summary>
    public static Command Create(Func<string, string?> environment)
    {
        var sweep = new Command("sweep", "Run compare, migrate, run or host over lists and ranges of their options' values: a table, a chart, JSON lines, CSV and plots.");
        foreach (string name in SweepFigures.Commands)
        {
            Option<string?> outFile = CliOptions.OutputFile("--out", "Append each point's result to this file as a JSON line (its options, its command line and the command's JSON); a rerun skips the points already in it.", ".jsonl");
            Option<string?> csv = CliOptions.OutputFile("--csv", "Also write every point of the sweep as CSV: its options, then the command's JSON fields.", ".csv");
            var plot = new Option<string[]>("--plot")
            {
                Description = "Draw the results against the swept option into a .png or .svg file (may be given twice).",
                HelpName = "FILE.png|FILE.svg",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
                Validators = { result => CliOptions.CheckExtension(result, "--plot", ".png", ".svg") },
            };
            string defaultSize = $"{SweepPlot.DefaultWidth}x{SweepPlot.DefaultHeight}";
            var plotSize = new Option<string>("--plot-size") { Description = "The plot's size in pixels.", HelpName = "WxH", DefaultValueFactory = _ => defaultSize }.ShowingDefault(defaultSize);
            var x = new Option<string?>("--x") { Description = "The option on the plot's x axis (default: the first option with several values that is not --seed), e.g. --x memory.", HelpName = "OPTION" };
            Option<int?> jobs = CliOptions.OptionalWholeNumber("--jobs", "Points run at once, 1 to 256 (default: the machine's cores).", 1, 256);
            var listPoints = new Option<bool>("--list-points") { Description = "Print the points, one a line: its number and its command line (for an array job: the count is the line count)." };
            Option<int?> point = CliOptions.OptionalWholeNumber("--point", "Run point N only (from 0) and print its JSON line: one task of an array job. The tasks' outputs concatenate into one results file.", 0, (int)SweepPlan.MaxPoints - 1);
            Option<bool> json = CliOptions.Json();
            json.Description = "Print each point's JSON line, in point order, instead of the table.";
            var target = new Command(name, $"Sweep {name}: give {name}'s options (see balloonviz {name} --help), each with one value, a comma-separated list or a range FROM..TO[+STEP|*FACTOR]; --seed 1..5 gives replicates.")
            {
                outFile, csv, plot, plotSize, x, jobs, listPoints, point, json,
            };
            target.TreatUnmatchedTokensAsErrors = false;
            target.SetAction(parse => Run(parse, name, environment, new SweepSettings(
                parse.GetValue(outFile), parse.GetValue(csv), parse.GetValue(plot) ?? [], PlotSize(parse.GetValue(plotSize)!), parse.GetValue(x),
                parse.GetValue(jobs) ?? Environment.ProcessorCount, parse.GetValue(listPoints), parse.GetValue(point), parse.GetValue(json))));
            sweep.Subcommands.Add(target);
        }

        return sweep;
    }

    private static int Run(ParseResult parse, string command, Func<string, string?> environment, SweepSettings settings)
    {
        Command target = BalloonvizCli.Build().Subcommands.First(c => c.Name == command);
        List<string> tokens = [.. parse.UnmatchedTokens];
        if (parse.GetValue<bool>("--no-config"))
        {
            tokens.Add("--no-config");
        }

        SweepPlan plan = SweepPlan.Build(target, tokens);
        if (settings.X is string axis && !plan.Dimensions.Any(d => d.Key == axis || d.Key == "--" + axis))
        {
            throw new UsageException($"--x {Quoting.Quote(axis)}: the sweep has no such option; it has {(plan.Dimensions.Count == 0 ? "none" : string.Join(", ", plan.Dimensions.Select(d => d.Key)))}");
        }

        TextWriter output = parse.InvocationConfiguration.Output;
        if (settings.ListPoints)
        {
            foreach (SweepPoint each in plan.Points())
            {
                output.WriteLine($"{each.Index}\t{string.Join(' ', each.Args.Select(ShellWord))}");
            }

            return 0;
        }

        var runner = new SweepRunner(args => RunPoint(args, environment), settings.Jobs);
        SweepResultsFile? file = settings.Out is null ? null : new SweepResultsFile(settings.Out);
        if (settings.Point is int index)
        {
            if (index < 0 || index >= plan.Count)
            {
                throw new UsageException($"--point {index}: the sweep has points 0 to {plan.Count - 1}");
            }

            SweepRecord record = runner.Run(plan, [plan.Point(index)], r => file?.Append(r), _ => { })[0];
            output.WriteLine(record.ToJsonLine());
            return 0;
        }

        IReadOnlyList<SweepRecord> records = RunAll(parse, plan, runner, file);
        if (settings.Json)
        {
            foreach (SweepRecord record in records)
            {
                output.WriteLine(record.ToJsonLine());
            }
        }

        SweepChart? chart = null;
        SweepChart Chart() => chart ??= SweepChart.Of(plan, records, settings.X);
        if (!settings.Json)
        {
            WriteTable(output, plan, records);
            if (plan.Varied.Any(d => !d.IsReplicate))
            {
                output.WriteLine();
                TerminalChart.Write(output, Chart());
            }
        }

        if (settings.Csv is string csvPath)
        {
            WriteCsv(csvPath, records);
        }

        foreach (string plotPath in settings.Plots)
        {
            SweepPlot.Save(Chart(), plotPath, settings.PlotSize.Width, settings.PlotSize.Height);
        }

        return 0;
    }

    /// <summary>Runs the points not yet in the results file, appending each as it finishes; returns every point's record in order.</summary>
    private static IReadOnlyList<SweepRecord> RunAll(ParseResult parse, SweepPlan plan, SweepRunner runner, SweepResultsFile? file)
    {
        Dictionary<string, SweepRecord> done = [];
        foreach (SweepRecord record in file?.Read() ?? [])
        {
            done.TryAdd(record.Identity, record);
        }

        List<SweepPoint> points = [.. plan.Points()];
        List<SweepPoint> todo = [.. points.Where(p => !done.ContainsKey(p.Identity))];
        var progress = new ProgressBar(parse.InvocationConfiguration.Error, "sweeping");
        int skipped = points.Count - todo.Count;
        IReadOnlyList<SweepRecord> ran = runner.Run(
            plan,
            todo,
            record => file?.Append(record),
            finished => progress.Update((skipped + finished) / (double)points.Count, $"{skipped + finished} of {points.Count} points"));
        progress.Clear();
        foreach (SweepRecord record in ran)
        {
            done[record.Identity] = record;
        }

        return [.. points.Select(p => done[p.Identity] with { Point = p.Index, Options = p.Options })];
    }

    private static PointOutcome RunPoint(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int exit = BalloonvizCli.Run([.. args], output, error, environment);
        return new PointOutcome(exit, output.ToString(), error.ToString());
    }

    private static void WriteTable(TextWriter output, SweepPlan plan, IReadOnlyList<SweepRecord> records)
    {
        List<SweepDimension> varied = [.. plan.Varied];
        IReadOnlyList<SweepFigure> figures = SweepFigures.Table(plan.Command);
        List<string> header = ["point", .. varied.Select(d => d.Key), .. figures.Select(f => f.Label)];
        ColumnTable.Write(output, header, records.Select(r => (IReadOnlyList<string>)
        [
            r.Point.ToString(CultureInfo.InvariantCulture),
            .. varied.Select(d => r.Options.GetValueOrDefault(d.Key, string.Empty)),
            .. figures.Select(f => f.Format(f.Read(r.Result))),
        ]));
    }

    private static void WriteCsv(string path, IReadOnlyList<SweepRecord> records)
    {
        try
        {
            using var writer = new StreamWriter(path);
            CsvOutput.WriteUnion(writer, records.Select(r =>
            {
                var row = new JsonObject { ["point"] = r.Point };
                foreach ((string key, string value) in r.Options)
                {
                    row[key] = value;
                }

                row["result"] = r.Result.DeepClone();
                return (JsonNode)row;
            }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--csv {path}: {e.Message}");
        }
    }

    private static (int Width, int Height) PlotSize(string text) =>
        CliOptions.Dimensions("--plot-size", text, "WIDTHxHEIGHT in pixels", (200, 150), (10_000, 10_000), "1200x900");

    /// <summary>A word as a POSIX shell reads it back: quoted when it holds anything but safe characters.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,:=/%+@".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed record SweepSettings(
        string? Out, string? Csv, string[] Plots, (int Width, int Height) PlotSize, string? X, int Jobs, bool ListPoints, int? Point, bool Json);
}
