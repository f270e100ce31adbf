using System.CommandLine;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>One option a sweep varies or holds: its name as written (a repeated option gets " #2" and on) and its values.</summary>
/// <param name="Key">The option's name, unique within the sweep.</param>
/// <param name="Values">Its values, in order; one when it is held fixed.</param>
public sealed record SweepDimension(string Key, IReadOnlyList<string> Values)
{
    /// <summary>Whether the sweep varies it.</summary>
    public bool Varies => Values.Count > 1;

    /// <summary>Whether its values are replicates (seeds) rather than a variable.</summary>
    public bool IsReplicate => Key == "--seed";
}

/// <summary>One point of a sweep: its number, the command line that runs it and the value of every option.</summary>
/// <param name="Index">Its number, from 0, in the order the product runs (the last option varies fastest).</param>
/// <param name="Args">The command line, without "balloonviz" and without --json.</param>
/// <param name="Options">Each option's value at this point, by <see cref="SweepDimension.Key"/>.</param>
public sealed record SweepPoint(int Index, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The identity of the point in a results file: its command line.</summary>
    public string Identity => string.Join('\u001f', Args);
}

/// <summary>
/// What a sweep runs: a command and its options, each given as a list or range of values, over the product of them
/// all. Built from the tokens after the command name, against that command's own options, so that a flag (which takes
/// no value) and an unknown option are told apart as the command itself would.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>A sweep larger than this is surely a mistake (it goes to a batch engine in pieces of --point anyway).</summary>
    public const long MaxPoints = 1_000_000;

    private readonly List<(string? Literal, int Dimension)> _template;

    private SweepPlan(string command, List<(string? Literal, int Dimension)> template, List<SweepDimension> dimensions)
    {
        Command = command;
        _template = template;
        Dimensions = dimensions;
        long count = dimensions.Aggregate(1L, (product, d) => product * d.Values.Count);
        if (count > MaxPoints)
        {
            throw new UsageException($"sweep {command}: {count:N0} points; at most {MaxPoints:N0} in one sweep");
        }

        Count = (int)count;
    }

    /// <summary>The command each point runs (compare, migrate, run or host).</summary>
    public string Command { get; }

    /// <summary>Every option given, in the order given.</summary>
    public IReadOnlyList<SweepDimension> Dimensions { get; }

    /// <summary>How many points.</summary>
    public int Count { get; }

    /// <summary>The options the sweep varies, seeds included.</summary>
    public IEnumerable<SweepDimension> Varied => Dimensions.Where(d => d.Varies);

    /// <summary>
    /// Builds the plan from <paramref name="tokens"/>, the arguments after the command name; <paramref name="target"/>
    /// is the command they are for. Each option's value is expanded by <see cref="SweepValues.Expand"/>.
    /// </summary>
    public static SweepPlan Build(Command target, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tokens);
        var template = new List<(string? Literal, int Dimension)>();
        var dimensions = new List<SweepDimension>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!token.StartsWith('-'))
            {
                throw new UsageException($"sweep {target.Name}: {Quoting.Quote(token)} is not an option; give options of {target.Name} with their values, e.g. --memory 1GiB..64GiB*2");
            }

            int equals = token.IndexOf('=', StringComparison.Ordinal);
            string name = equals > 0 ? token[..equals] : token;
            Option option = FindOption(target, name)
                ?? throw new UsageException($"sweep {target.Name}: {target.Name} has no option {Quoting.Quote(name)} (see balloonviz {target.Name} --help)");
            string? value = equals > 0 ? token[(equals + 1)..] : null;
            if (value is null && option.Arity.MinimumNumberOfValues > 0)
            {
                if (i + 1 >= tokens.Count)
                {
                    throw new UsageException($"sweep {target.Name}: {name} needs a value");
                }

                value = tokens[++i];
            }

            if (value is null)
            {
                template.Add((token, -1));
                continue;
            }

            seen[name] = seen.GetValueOrDefault(name) + 1;
            string key = seen[name] == 1 ? name : $"{name} #{seen[name]}";
            template.Add((name, -1));
            template.Add((null, dimensions.Count));
            dimensions.Add(new SweepDimension(key, SweepValues.Expand(name, value)));
        }

        return new SweepPlan(target.Name, template, dimensions);
    }

    /// <summary>Point <paramref name="index"/> (0 to <see cref="Count"/> − 1).</summary>
    public SweepPoint Point(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var choice = new int[Dimensions.Count];
        int rest = index;
        for (int d = Dimensions.Count - 1; d >= 0; d--)
        {
            choice[d] = rest % Dimensions[d].Values.Count;
            rest /= Dimensions[d].Values.Count;
        }

        var args = new List<string> { Command };
        foreach ((string? literal, int dimension) in _template)
        {
            args.Add(literal ?? Dimensions[dimension].Values[choice[dimension]]);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int d = 0; d < Dimensions.Count; d++)
        {
            options[Dimensions[d].Key] = Dimensions[d].Values[choice[d]];
        }

        return new SweepPoint(index, args, options);
    }

    /// <summary>Every point, in order.</summary>
    public IEnumerable<SweepPoint> Points() => Enumerable.Range(0, Count).Select(Point);

    private static Option? FindOption(Command target, string name)
    {
        for (Command? command = target; command is not null; command = command.Parents.OfType<Command>().FirstOrDefault())
        {
            Option? option = command.Options.FirstOrDefault(o => (o.Name == name || o.Aliases.Contains(name)) && (ReferenceEquals(command, target) || o.Recursive));
            if (option is not null)
            {
                return option;
            }
        }

        return null;
    }
}
