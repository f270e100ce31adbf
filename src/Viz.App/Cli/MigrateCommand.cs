using System.CommandLine;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>`balloonviz migrate`: one headless live migration, as a table, JSON or CSV.</summary>
public static class MigrateCommand
{
    /// <summary>What --ping-pong takes for "until the workload is done".</summary>
    private const string UntilDoneWord = "until-done";

    /// <summary>--ping-pong's value for until-done (no duration is negative).</summary>
    private const long UntilDone = -1;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guest = new GuestArguments();
        var migration = new MigrationArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint): the guest hints free 4 MiB blocks and the migration skips them.", false);
        Option<long?> pingPong = CliOptions.OptionalDuration(
            "--ping-pong", "Migrate back and forth for this long (e.g. 60s) and compare the workload's progress with the same guest not migrating; or until-done: from boot until a build of finite size (--workload build,work=20m) is done, compared with its completion time without migrating.", minimumNs: 1, CliOptions.MaxMigrationWaitNs);
        pingPong.CustomParser = result => result.Tokens.Count == 1 && result.Tokens[0].Value == UntilDoneWord
            ? UntilDone
            : CliOptions.ParseDuration(result, "--ping-pong", 1, CliOptions.MaxMigrationWaitNs);
        pingPong.HelpName = "DURATION|until-done";
        var format = new OutputArguments();
        var command = new Command("migrate", "Live-migrate a guest headless (pre-copy, as QEMU does) and print what it took.") { hinting, pingPong };
        guest.AddTo(command);
        migration.AddTo(command);
        format.AddTo(command);
        command.SetAction(parse =>
        {
            OutputFormat outputFormat = format.Read(parse);
            if (parse.GetValue(pingPong) is long pingPongNs)
            {
                SimulationOptions options = guest.Read(parse, parse.GetValue(hinting) == Switch.On);
                if (pingPongNs == UntilDone && options.Workload.WorkNs is null)
                {
                    throw new Common.UsageException("--ping-pong until-done needs a build of finite size: --workload build,work=DURATION (e.g. build,work=20m)");
                }

                PingPongResult pingPongResult = pingPongNs == UntilDone
                    ? PingPongRun.ExecuteUntilDone(options, migration.Read(parse), migration.StartAfter(parse), CliOptions.MaxRunNs)
                    : PingPongRun.Execute(options, migration.Read(parse), migration.StartAfter(parse), pingPongNs);
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
