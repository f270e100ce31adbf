using System.CommandLine;
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
        Option<bool> json = CliOptions.Json();
        var command = new Command("migrate", "Live-migrate a guest headless (pre-copy, as QEMU does) and print what it took.") { hinting, json };
        guest.AddTo(command);
        migration.AddTo(command);
        command.SetAction(parse =>
        {
            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "migrating");
            MigrationResult result = MigrationRun.Execute(guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse), migration.StartAfter(parse), progress.Update);
            progress.Clear();
            var report = MigrationReport.From(result);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, report);
            }
            else
            {
                TextTable.Write(output, report.Rows());
            }

            return 0;
        });
        return command;
    }
}
