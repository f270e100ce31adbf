using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        var command = new Command("compare", "Migrate the same guest without and with free page hinting and print both and their ratios.");
        guest.AddTo(command);
        migration.AddTo(command);
        format.AddTo(command);
        command.SetAction(parse =>
        {
            OutputFormat outputFormat = format.Read(parse);
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

    /// <summary>A CSV row: the migration's name ("legacy" or "hinting") in a first column, then its report's fields.</summary>
    private static JsonObject CsvRow(string name, MigrationReport report)
    {
        var row = new JsonObject { ["migration"] = name };
        foreach ((string key, JsonNode? value) in JsonSerializer.SerializeToNode(report, JsonOutput.Options)!.AsObject())
        {
            row[key] = value?.DeepClone();
        }

        return row;
    }

    private static void WriteTable(TextWriter output, MigrationComparison comparison)
    {
        List<(string Name, string Value)> legacy = [.. comparison.Legacy.Rows()];
        List<(string Name, string Value)> hinting = [.. comparison.Hinting.Rows()];
        int nameWidth = legacy.Max(row => row.Name.Length);
        int valueWidth = Math.Max("legacy".Length, legacy.Max(row => row.Value.Length));
        output.WriteLine($"{string.Empty.PadRight(nameWidth)}  {"legacy".PadRight(valueWidth)}  with hinting");
        for (int i = 0; i < legacy.Count; i++)
        {
            output.WriteLine($"{legacy[i].Name.PadRight(nameWidth)}  {legacy[i].Value.PadRight(valueWidth)}  {hinting[i].Value}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"time ratio".PadRight(nameWidth)}  {comparison.TimeRatio:0.000} (hinting / legacy)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"bytes ratio".PadRight(nameWidth)}  {comparison.BytesRatio:0.000} ({ByteSize.Format(comparison.Hinting.BytesTransferred)} / {ByteSize.Format(comparison.Legacy.BytesTransferred)})"));
        if (comparison.UpstreamPrediction is MigrationReport upstream)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"upstream design".PadRight(nameWidth)}  {upstream.TotalTimeMs:0.0} ms with hinting, time ratio {upstream.TotalTimeMs / comparison.Legacy.TotalTimeMs:0.000} (a prediction: the seed measured its v28 design)"));
        }
    }
}
