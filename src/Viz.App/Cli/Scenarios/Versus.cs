using System.CommandLine;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// --versus OPTION=VALUE: the guest the options give and the same guest with one option changed, on one host of
/// unlimited memory so that neither takes from the other, stepped by one clock.
/// </summary>
public static class Versus
{
    /// <summary>The visualizer's options for <paramref name="change"/> on top of <paramref name="session"/>'s.</summary>
    public static TuiOptions Of(string change, ParseResult parse, TuiOptions session)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(session);
        int equals = change.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"--versus {Quoting.Quote(change)}: write OPTION=VALUE, e.g. --versus hinting=on");
        }

        string name = change[..equals].TrimStart('-'), value = change[(equals + 1)..];
        if (session.Host is not null)
        {
            throw new UsageException("--versus sets two guests side by side itself; it does not take --guest");
        }

        if (name == "memory" || !ScenarioOptions.Accepts(name))
        {
            throw new UsageException($"--versus {Quoting.Quote(change)}: {(name == "memory" ? "memory makes another guest, not the same one changed" : $"no option {Quoting.Quote(name)} to change")}; change one of the guest's options, e.g. hinting=on, reporting=on, poison=page_poison, init-on-alloc=on");
        }

        ScenarioOptions given = ScenarioOptions.Given(parse);
        if (given.Read().Guest != session.Simulation)
        {
            throw new UsageException("--versus: these options cannot be given to two guests alike");
        }

        SimulationOptions changed = Guarded(change, () => given.With([(name, value)]).Read().Guest);
        string before = given.Values.FirstOrDefault(v => v.Name == name).Value ?? DefaultOf(parse, name);
        SimulationOptions Change(SimulationOptions restarted) => given.With(StepText.RestartOverrides(restarted)).With([(name, value)]).Read().Guest;
        return session with
        {
            Host = new HostSetup(new HostOptions(), [session.Simulation, changed], [$"{name}={before}", $"{name}={value}"], BalloonPolicy.None),
            Versus = ([$"{name}={before}", $"{name}={value}"], Change),
        };
    }

    private static SimulationOptions Guarded(string change, Func<SimulationOptions> read)
    {
        try
        {
            return read();
        }
        catch (UsageException e)
        {
            throw new UsageException($"--versus {Quoting.Quote(change)}: {e.Message}");
        }
    }

    private static string DefaultOf(ParseResult parse, string name) =>
        parse.RootCommandResult.Command.Options.FirstOrDefault(o => o.Name == "--" + name) is Option option && OptionDefaults.Of(option) is string text ? text : "default";
}
