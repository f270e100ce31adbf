using System.CommandLine;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>`balloonviz migrate`: one headless live migration, as a table or JSON.</summary>
public static class MigrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guest = new GuestArguments();
        var migration = new MigrationArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint): the guest hints free 4 MiB blocks and the migration skips them.", false);
        Option<long?> pingPong = CliOptions.OptionalDuration(
            "--ping-pong", "Migrate back and forth for this long (e.g. 60s) and compare the workload's progress with the same guest not migrating.", minimumNs: 1, CliOptions.MaxMigrationWaitNs);
        Option<bool> json = CliOptions.Json();
        var command = new Command("migrate", "Live-migrate a guest headless (pre-copy, as QEMU does) and print what it took.") { hinting, pingPong, json };
        guest.AddTo(command);
        migration.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(pingPong) is long pingPongNs)
            {
                PingPongResult pingPongResult = PingPongRun.Execute(
                    guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse), migration.StartAfter(parse), pingPongNs);
                Write(parse, PingPongReport.From(pingPongResult), pingPongReport => pingPongReport.Rows(), parse.GetValue(json));
                return 0;
            }

            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "migrating");
            MigrationResult result = MigrationRun.Execute(guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse), migration.StartAfter(parse), progress.Update);
            progress.Clear();
            Write(parse, MigrationReport.From(result), report => report.Rows(), parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static void Write<T>(ParseResult parse, T report, Func<T, IEnumerable<(string Name, string Value)>> rows, bool json)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        if (json)
        {
            JsonOutput.Write(output, report);
        }
        else
        {
            TextTable.Write(output, rows(report));
        }
    }
}
