using System.CommandLine;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// --versus OPTION=VALUE: the guest the options give and the same guest with one option changed, on one host of
/// unlimited memory so that neither takes from the other, stepped by one clock.
/// </summary>
public static class VersusChange
{
    /// <summary>The visualizer's options for <paramref name="change"/> on top of <paramref name="session"/>'s.</summary>
    public static TuiOptions Of(string change, ParseResult parse, TuiOptions session)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(session);
        if (session.Host is not null)
        {
            throw new UsageException("--versus sets two guests side by side itself; it does not take --guest");
        }

        ScenarioOptions given = ScenarioOptions.GivenFor(parse, session.Simulation, "--versus");

        (VersusGuest second, string first) = Guest(given, change, name => DefaultOf(parse, name));
        return session with
        {
            Host = new HostSetup(new HostOptions(), [session.Simulation, second.Options], [first, second.Name], BalloonPolicy.None),
            Versus = ([first, second.Name], second.Change),
        };
    }

    /// <summary>
    /// The second guest of <paramref name="options"/> with <paramref name="change"/> (OPTION=VALUE), and the first's
    /// name (OPTION=its value, or its default from <paramref name="defaultOf"/>). A bad change is a usage error.
    /// </summary>
    public static (VersusGuest Second, string FirstName) Guest(ScenarioOptions options, string change, Func<string, string> defaultOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(defaultOf);
        int equals = change.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"--versus {Quoting.Quote(change)}: write OPTION=VALUE, e.g. --versus hinting=on");
        }

        string name = change[..equals].TrimStart('-'), value = change[(equals + 1)..];
        if (name == "memory" || !ScenarioOptions.Accepts(name))
        {
            throw new UsageException($"--versus {Quoting.Quote(change)}: {(name == "memory" ? "memory makes another guest, not the same one changed" : $"no option {Quoting.Quote(name)} to change")}; change one of the guest's options, e.g. hinting=on, reporting=on, poison=page_poison, init-on-alloc=on");
        }

        SimulationOptions changed = Guarded(change, () => options.With([(name, value)]).Read().Guest);
        string before = options.Values.FirstOrDefault(v => v.Name == name).Value ?? defaultOf(name);
        SimulationOptions Change(SimulationOptions restarted) => options.With(StepText.RestartOverrides(restarted)).With([(name, value)]).Read().Guest;
        return (new VersusGuest($"{name}={value}", changed, Change, $"{name}={before}"), $"{name}={before}");
    }

    /// <summary>The default an option shows in its help, by name without dashes ("default" when it shows none).</summary>
    public static string DefaultOf(ParseResult parse, string name)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DefaultOf(parse.RootCommandResult.Command, name);
    }

    /// <summary>The default an option of <paramref name="root"/> shows in its help, by name without dashes.</summary>
    public static string DefaultOf(Command root, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Options.FirstOrDefault(o => o.Name == "--" + name) is Option option && OptionDefaults.Of(option) is string text ? text : "default";
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
}
