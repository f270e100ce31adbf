using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>`balloonviz compare`: the same guest migrated without and with free page hinting, side by side.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guest = new GuestArguments();
        var migration = new MigrationArguments();
        var format = new OutputArguments();
        var pingPong = new PingPongArguments();
        var command = new Command("compare", "Migrate the same guest without and with free page hinting and print both and their ratios.");
        pingPong.AddTo(command);
        guest.AddTo(command);
        migration.AddTo(command);
        format.AddTo(command);
        command.SetAction(parse =>
        {
            OutputFormat outputFormat = format.Read(parse);
            if (pingPong.Given(parse))
            {
                ComparePingPong(parse, outputFormat, pingPong, guest, migration);
                return 0;
            }

            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "migrating twice");
            // The two migrations run on two threads; each writes only its own figures, and the bar reads both.
            (double Done, int Round) legacy = (0, 0), hinting = (0, 0);
            void Report() => progress.Update((legacy.Done + hinting.Done) / 2, $"legacy round {legacy.Round}, with hinting round {hinting.Round}");
            MigrationComparison comparison = MigrationComparison.Run(
                guest.Read(parse, hinting: false),
                guest.Read(parse, hinting: true),
                migration.Read(parse),
                migration.StartAfter(parse),
                engine =>
                {
                    legacy = (ProgressBar.Done(engine), engine.Round);
                    Report();
                },
                engine =>
                {
                    hinting = (ProgressBar.Done(engine), engine.Round);
                    Report();
                });
            progress.Clear();
            TextWriter output = parse.InvocationConfiguration.Output;
            switch (outputFormat)
            {
                case OutputFormat.Json:
                    JsonOutput.Write(output, new { comparison.Legacy, comparison.Hinting, comparison.TimeRatio, comparison.BytesRatio, comparison.UpstreamPrediction });
                    break;
                case OutputFormat.Csv:
                    CsvOutput.Write(output, [CsvRow("legacy", comparison.Legacy), CsvRow("hinting", comparison.Hinting), .. comparison.UpstreamPrediction is MigrationReport upstream ? [CsvRow("hinting-upstream-prediction", upstream)] : Array.Empty<JsonObject>()]);
                    break;
                default:
                    WriteTable(output, comparison);
                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The same ping-pong without and with hinting (two independent simulations, on two threads), side by side; with
    /// until-done, the ratio of the build's completion times.
    /// </summary>
    private static void ComparePingPong(ParseResult parse, OutputFormat format, PingPongArguments pingPong, GuestArguments guest, MigrationArguments migration)
    {
        MigrationParameters parameters = migration.Read(parse);
        long? startAfter = migration.StartAfter(parse);
        Task<PingPongResult> hinted = Task.Run(() => pingPong.Run(parse, guest.Read(parse, hinting: true), parameters, startAfter));
        PingPongReport legacy = PingPongReport.From(pingPong.Run(parse, guest.Read(parse, hinting: false), parameters, startAfter));
        PingPongReport hinting = PingPongReport.From(hinted.GetAwaiter().GetResult());
        double? completionRatio = hinting.WorkloadCompletedMs / legacy.WorkloadCompletedMs;
        TextWriter output = parse.InvocationConfiguration.Output;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, new { Legacy = legacy, Hinting = hinting, CompletionRatio = completionRatio });
                break;
            case OutputFormat.Csv:
                CsvOutput.Write(output, [CsvRow("legacy", legacy), CsvRow("hinting", hinting)]);
                break;
            default:
                int nameWidth = WriteColumns(output, [.. legacy.Rows()], [.. hinting.Rows()]);
                if (completionRatio is double ratio)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"completion ratio".PadRight(nameWidth)}  {ratio:0.000} (hinting / legacy: the build's time to done)"));
                }

                break;
        }
    }

    /// <summary>A CSV row: the migration's name ("legacy" or "hinting") in a first column, then its report's fields.</summary>
    private static JsonObject CsvRow<T>(string name, T report)
    {
        var row = new JsonObject { ["migration"] = name };
        foreach ((string key, JsonNode? value) in JsonSerializer.SerializeToNode(report, JsonOutput.Options)!.AsObject())
        {
            row[key] = value?.DeepClone();
        }

        return row;
    }

    /// <summary>Two reports' rows side by side under "legacy" and "with hinting"; returns the name column's width.</summary>
    private static int WriteColumns(TextWriter output, List<(string Name, string Value)> legacy, List<(string Name, string Value)> hinting)
    {
        int nameWidth = legacy.Max(row => row.Name.Length);
        int valueWidth = Math.Max("legacy".Length, legacy.Max(row => row.Value.Length));
        output.WriteLine($"{string.Empty.PadRight(nameWidth)}  {"legacy".PadRight(valueWidth)}  with hinting");
        for (int i = 0; i < legacy.Count; i++)
        {
            output.WriteLine($"{legacy[i].Name.PadRight(nameWidth)}  {legacy[i].Value.PadRight(valueWidth)}  {hinting[i].Value}");
        }

        return nameWidth;
    }

    private static void WriteTable(TextWriter output, MigrationComparison comparison)
    {
        int nameWidth = WriteColumns(output, [.. comparison.Legacy.Rows()], [.. comparison.Hinting.Rows()]);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"time ratio".PadRight(nameWidth)}  {comparison.TimeRatio:0.000} (hinting / legacy)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"bytes ratio".PadRight(nameWidth)}  {comparison.BytesRatio:0.000} ({ByteSize.Format(comparison.Hinting.BytesTransferred)} / {ByteSize.Format(comparison.Legacy.BytesTransferred)})"));
        if (comparison.UpstreamPrediction is MigrationReport upstream)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"upstream design".PadRight(nameWidth)}  {upstream.TotalTimeMs:0.0} ms with hinting, time ratio {upstream.TotalTimeMs / comparison.Legacy.TotalTimeMs:0.000} (a prediction: the seed measured its v28 design)"));
        }
    }
}
