using System.CommandLine;
using System.Globalization;

namespace Viz.App.Cli;

/// <summary>`balloonviz bench ...`: measures the simulator's speed and memory use against its targets.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var core = new Command("core", "Measure the simulation core: building an 8 GiB guest, allocator speed, grid snapshots, bytes per page.")
        {
            json,
        };
        core.SetAction(parse =>
        {
            CoreBenchmarkResult result = CoreBenchmark.Run();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, result);
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build 8 GiB guest   {result.BuildGuestMs,10:0.0} ms"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocator           {result.AllocOpsPerSec / 1e6,10:0.0} M ops/s   (target >= 10)"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"snapshot 200x60     {result.SnapshotMs,10:0.00} ms        (target <= 5)"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory per page     {result.BytesPerPage,10:0.00} bytes     (target <= 16)"));
            }

            return 0;
        });
        Option<bool> migrateJson = CliOptions.Json();
        var migrate = new Command("migrate", "Measure the wall time of the idle compare (legacy and hinting) for an 8 GiB and a 64 GiB guest.")
        {
            migrateJson,
        };
        migrate.SetAction(parse =>
        {
            MigrateBenchmarkResult result = MigrateBenchmark.Run();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(migrateJson))
            {
                JsonOutput.Write(output, result);
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compare 8 GiB idle    {result.Compare8GiBMs,10:0.0} ms   (target < 200)"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compare 64 GiB idle   {result.Compare64GiBMs,10:0.0} ms   ({result.Compare64GiBMs / result.Compare8GiBMs:0.0}x for 8x the memory)"));
            }

            return 0;
        });
        Option<bool> uiJson = CliOptions.Json();
        var ui = new Command("ui", "Measure the terminal UI: turning an 8 GiB guest into a 200x60 grid frame and drawing it (headless).")
        {
            uiJson,
        };
        ui.SetAction(parse =>
        {
            UiBenchmarkResult result = UiBenchmark.Run();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(uiJson))
            {
                JsonOutput.Write(output, result);
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {result.Columns}x{result.Rows} ({result.Cells} cells)  {result.FrameMs,8:0.00} ms median, {result.FrameP90Ms:0.00} ms p90   (target <= 8)"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  make the frame          {result.BuildMs,8:0.00} ms"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  draw it (diff)          {result.DrawMs,8:0.00} ms"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"draw, every character new  {result.FullRedrawMs,8:0.00} ms"));
            }

            return 0;
        });
        return new Command("bench", "Measure the simulator against its speed and memory targets.") { core, migrate, ui };
    }
}
