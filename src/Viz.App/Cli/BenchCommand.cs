using System.CommandLine;
using System.Globalization;

namespace Viz.App.Cli;

/// <summary>`balloonviz bench ...`: measures the simulator's speed and memory use against its targets.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create()
    {
        Command core = Subcommand(
            "core", "Measure the simulation core: building an 8 GiB guest, allocator speed, grid snapshots, bytes per page.", CoreBenchmark.Run, r =>
            [
                $"build 8 GiB guest   {r.BuildGuestMs,10:0.0} ms",
                $"allocator           {r.AllocOpsPerSec / 1e6,10:0.0} M ops/s   (target >= 10)",
                $"snapshot 200x60     {r.SnapshotMs,10:0.00} ms        {r.SnapshotRatio,6:0.00}x one pass   (target <= 0.5 ms)",
                $"memory per page     {r.BytesPerPage,10:0.00} bytes     (target <= 6)",
                $"  migrating         {r.BytesPerPageMigrating,10:0.00} bytes     (target <= 11)",
                $"boot 1 TiB guest    {r.Boot1TiBMs,10:0} ms        {r.Boot1TiBRatio,6:0.0}x one pass   (target <= 2000 ms)",
                $"snapshot 1 TiB      {r.Snapshot1TiBMs,10:0.00} ms        {r.Snapshot1TiBRatio,6:0.000}x one pass   (target <= 2 ms)",
                $"one pass 8 GiB      {r.BaselinePassMs,10:0.000} ms, 1 TiB {r.BaselinePass1TiBMs:0.00} ms (the baseline)",
            ]);
        Command migrate = Subcommand(
            "migrate", "Measure the wall time of the idle compare (legacy and hinting) for an 8 GiB and a 64 GiB guest.", MigrateBenchmark.Run, r =>
            [
                $"compare 8 GiB idle    {r.Compare8GiBMs,10:0.0} ms   {r.Compare8GiBRatio,7:0}x one pass   (target <= 50 ms)",
                $"compare 64 GiB idle   {r.Compare64GiBMs,10:0.0} ms   {r.Compare64GiBRatio,7:0}x one pass   (target <= 300 ms; {r.Compare64GiBMs / r.Compare8GiBMs:0.0}x for 8x the memory)",
                $"one pass              {r.BaselinePass8GiBMs,10:0.000} ms (8 GiB), {r.BaselinePass64GiBMs:0.000} ms (64 GiB): the baseline",
            ]);
        Command ui = Subcommand(
            "ui", "Measure the terminal UI: turning an 8 GiB guest into a 200x60 grid frame and drawing it (headless).", UiBenchmark.Run, r =>
            [
                $"frame {r.Columns}x{r.Rows} ({r.Cells} cells)  {r.FrameMs,8:0.00} ms median, {r.FrameP90Ms:0.00} ms p90, {r.FrameRatio:0}x one pass   (target <= 2)",
                $"  make the frame          {r.BuildMs,8:0.00} ms",
                $"  draw it (diff)          {r.DrawMs,8:0.00} ms",
                $"draw, every character new  {r.FullRedrawMs,8:0.00} ms",
            ]);
        Command host = Subcommand(
            "host", "Measure several guests on one host: 8 guests of 8 GiB with mixed workloads on an overcommitted 16 GiB host for a simulated minute.", HostBenchmark.Run, r =>
            [
                $"8 x 8 GiB, one minute   {r.HostMinuteMs,10:0} ms wall   (target < 10000)",
                $"peak RSS                {r.PeakRssBytes / (double)(1L << 20),10:0} MiB       (target < 2048)",
                $"swapped out             {r.SwappedOutPages * 4096.0 / (1L << 20),10:0} MiB",
            ]);
        return new Command("bench", "Measure the simulator against its speed and memory targets.") { core, migrate, ui, host };
    }

    /// <summary>A bench subcommand: runs <paramref name="run"/> and prints its result as JSON (--json) or as lines.</summary>
    private static Command Subcommand<T>(string name, string description, Func<T> run, Func<T, FormattableString[]> lines)
    {
        Option<bool> json = CliOptions.Json();
        var command = new Command(name, description) { json };
        command.SetAction(parse =>
        {
            T result = run();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, result);
            }
            else
            {
                foreach (FormattableString line in lines(result))
                {
                    output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
                }
            }

            return 0;
        });
        return command;
    }
}
