using System.CommandLine;
using Viz.App.Common;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// A scenario's guest and migration options: the command-line options of migrate (the guest's, the migration's and
/// --hinting) by name without the dashes, each with its value, parsed by those same options, so that a scenario file
/// takes exactly what the command line takes and says the same when a value is wrong.
/// </summary>
public sealed class ScenarioOptions
{
    private readonly List<(string Name, string Value)> _values;

    /// <summary>The options <paramref name="values"/> gives, in order (a later value of a name replaces an earlier one).</summary>
    public ScenarioOptions(IEnumerable<(string Name, string Value)> values)
    {
        _values = [];
        foreach ((string name, string value) in values)
        {
            _values.RemoveAll(v => v.Name == name);
            _values.Add((name, value));
        }
    }

    /// <summary>The options by name, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Values => _values;

    /// <summary>These options with <paramref name="overrides"/> in place of the values they give.</summary>
    public ScenarioOptions With(IEnumerable<(string Name, string Value)> overrides) => new([.. _values, .. overrides]);

    /// <summary>The options a command line gave (or its config file did) that a scenario takes, as it gave them.</summary>
    public static ScenarioOptions Given(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ScenarioOptions(parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(r => !r.Implicit && r.Tokens.Count > 0 && Accepts(r.Option.Name.TrimStart('-')))
            .Select(r => (r.Option.Name.TrimStart('-'), string.Join(',', r.Tokens.Select(t => t.Value)))));
    }

    /// <summary>
    /// The options <paramref name="parse"/> gave, as <see cref="Given"/>, when they make <paramref name="session"/>'s
    /// guest exactly; otherwise a usage error: <paramref name="what"/> cannot start from them.
    /// </summary>
    public static ScenarioOptions GivenFor(ParseResult parse, SimulationOptions session, string what)
    {
        ScenarioOptions given = Given(parse);
        return given.Read().Guest == session
            ? given
            : throw new UsageException($"{what}: these options cannot be given as a scenario's, so that they make the same guest");
    }

    /// <summary>Whether a scenario takes the option called <paramref name="name"/> (without dashes).</summary>
    public static bool Accepts(string name) => Parser().Command.Options.Any(o => o.Name == "--" + name);

    /// <summary>The guest and migration the options give; a wrong option or value is a usage error naming it.</summary>
    public (SimulationOptions Guest, MigrationParameters Migration) Read()
    {
        (RootCommand command, GuestArguments guest, MigrationArguments migration, Option<Switch> hinting) = Parser();
        string[] args = [.. _values.SelectMany(v => new[] { "--" + v.Name, v.Value })];
        foreach ((string name, _) in _values.Where(v => !command.Options.Any(o => o.Name == "--" + v.Name)))
        {
            throw new UsageException($"no option {Quoting.Quote(name)}; a scenario takes the options of balloonviz migrate without their dashes (memory, workload, hinting, downtime-limit, …)");
        }

        ParseResult parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new UsageException(parse.Errors[0].Message);
        }

        return (guest.Read(parse, parse.GetValue(hinting) == Switch.On), migration.Read(parse));
    }

    private static (RootCommand Command, GuestArguments Guest, MigrationArguments Migration, Option<Switch> Hinting) Parser()
    {
        var guest = new GuestArguments();
        var migration = new MigrationArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT.", false);
        var command = new RootCommand();
        guest.AddTo(command);
        migration.AddTo(command);
        command.Options.Add(hinting);
        return (command, guest, migration, hinting);
    }
}
