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
        Option<bool> json = CliOptions.Json();
        var command = new Command("migrate", "Live-migrate a guest headless (pre-copy, as QEMU does) and print what it took.") { json };
        guest.AddTo(command);
        migration.AddTo(command);
        command.SetAction(parse =>
        {
            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "migrating");
            MigrationResult result = MigrationRun.Execute(guest.Read(parse), migration.Read(parse), migration.StartAfter(parse), progress.Update);
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
