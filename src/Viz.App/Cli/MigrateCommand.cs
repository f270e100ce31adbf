using System.CommandLine;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>`balloonviz migrate`: one headless live migration, as a table, JSON or CSV.</summary>
public static class MigrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guest = new GuestArguments();
        var migration = new MigrationArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint): the guest hints free 4 MiB blocks and the migration skips them.", false);
        var pingPong = new PingPongArguments();
        var format = new OutputArguments();
        var command = new Command("migrate", "Live-migrate a guest headless (pre-copy, as QEMU does) and print what it took.") { hinting };
        pingPong.AddTo(command);
        guest.AddTo(command);
        migration.AddTo(command);
        format.AddTo(command);
        command.SetAction(parse =>
        {
            OutputFormat outputFormat = format.Read(parse);
            if (pingPong.Given(parse))
            {
                PingPongResult pingPongResult = pingPong.Run(parse, guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse), migration.StartAfter(parse));
                Write(parse, PingPongReport.From(pingPongResult), pingPongReport => pingPongReport.Rows(), outputFormat);
                return 0;
            }

            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "migrating");
            MigrationResult result = MigrationRun.Execute(guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse), migration.StartAfter(parse), progress.Update);
            progress.Clear();
            Write(parse, MigrationReport.From(result), report => report.Rows(), outputFormat);
            return 0;
        });
        return command;
    }

    private static void Write<T>(ParseResult parse, T report, Func<T, IEnumerable<(string Name, string Value)>> rows, OutputFormat format)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        switch (format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(output, report);
                break;
            case OutputFormat.Csv:
                CsvOutput.Write(output, [report]);
                break;
            default:
                TextTable.Write(output, rows(report));
                break;
        }
    }
}
