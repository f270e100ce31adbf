using System.CommandLine;
using Viz.App.Common;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>--ping-pong DURATION|until-done, shared by migrate and compare.</summary>
public sealed class PingPongArguments
{
    /// <summary>What --ping-pong takes for "until the workload is done".</summary>
    private const string UntilDoneWord = "until-done";

    /// <summary>--ping-pong's value for until-done (no duration is negative).</summary>
    private const long UntilDone = -1;

    private readonly Option<long?> _pingPong = CliOptions.OptionalDuration(
        "--ping-pong", "Migrate back and forth for this long (e.g. 60s) and compare the workload's progress with the same guest not migrating; or until-done: from boot until a build of finite size (--workload build,work=20m) is done, compared with its completion time without migrating.", minimumNs: 1, CliOptions.MaxMigrationWaitNs);

    /// <summary>Creates the option.</summary>
    public PingPongArguments()
    {
        _pingPong.CustomParser = result => result.Tokens.Count == 1 && result.Tokens[0].Value == UntilDoneWord
            ? UntilDone
            : CliOptions.ParseDuration(result, "--ping-pong", 1, CliOptions.MaxMigrationWaitNs);
        _pingPong.HelpName = "DURATION|until-done";
    }

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_pingPong);
    }

    /// <summary>Whether the command line asks for a ping-pong.</summary>
    public bool Given(ParseResult parse) => parse?.GetValue(_pingPong) is not null;

    /// <summary>The ping-pong the command line asks for, of the guest <paramref name="options"/> describes.</summary>
    public PingPongResult Run(ParseResult parse, SimulationOptions options, MigrationParameters parameters, long? startAfterNs)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        long value = parse.GetValue(_pingPong) ?? throw new InvalidOperationException("no --ping-pong given");
        if (value != UntilDone)
        {
            return PingPongRun.Execute(options, parameters, startAfterNs, value);
        }

        return options.Workload.WorkNs is null
            ? throw new UsageException("--ping-pong until-done needs a build of finite size: --workload build,work=DURATION (e.g. build,work=20m)")
            : PingPongRun.ExecuteUntilDone(options, parameters, startAfterNs, CliOptions.MaxRunNs);
    }
}
