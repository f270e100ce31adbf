using System.Globalization;
using System.Text;
using Viz.App.Common;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Viz.App.Cli;

/// <summary>
/// Scenario files: YAML (through YamlDotNet), because a presenter writes them by hand — captions of several lines,
/// comments, no braces or quotes to balance — and YAML is what such timelines are written in elsewhere (CI pipelines,
/// Ansible). The format, with every key:
/// <code>
/// title: Hinting speeds up migration
/// description: One line for balloonviz demo --list.
/// options: { memory: 8GiB, hint-design: v28, downtime-limit: 2s }   # balloonviz migrate's options, no dashes
/// versus: hinting=on       # a second guest, the same with this change, side by side: every step acts on both
/// guests: [1GiB:freed:70%, 1GiB:build]   # or several guests on one host of options' host-memory (host --guest SPECs)
/// duration: 30s            # run at least this long (default: until the last step, and a second more)
/// hash: 1234               # a recording's final state hash, which replay checks
/// steps:
///   - at: 2s               # or after: 1s (after the step before), or when: CONDITION
///     chapter: Legacy      # a demo waits here for the presenter
///     caption: Every page goes over the wire.
///     do: migrate          # one command (StepText.Forms)
///     expect: legacy-migration-ms &gt; 1500   # FIGURE OP VALUE, checked when the step happens
/// </code>
/// A malformed file is one usage error naming the file, the line and the problem.
/// </summary>
public static class ScenarioFile
{
    private static readonly string[] TopKeys = ["title", "description", "options", "versus", "guests", "duration", "hash", "steps"];
    private static readonly string[] StepKeys = ["at", "after", "when", "do", "caption", "chapter", "expect"];
    private static readonly string[] TriggerKeys = ["at", "after", "when"];

    /// <summary>Reads the scenario file at <paramref name="path"/>.</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read it: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses a scenario; <paramref name="name"/> is what messages call the file.</summary>
    public static Scenario Parse(string text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text ?? string.Empty));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{name}:{e.Start.Line}: not YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"{name}:1: a scenario is one YAML mapping with title, options and steps");
        }

        var reader = new Reader(name);
        reader.OnlyKeys(root, TopKeys, "a scenario");
        string title = reader.Scalar(root, "title") ?? throw reader.Problem(root, "a scenario needs a title");
        string description = reader.Scalar(root, "description") ?? string.Empty;
        ScenarioOptions options = reader.Options(root);
        (SimulationOptions guest, MigrationParameters migration) = reader.Guard(root, "options", () => options.Read());
        long? duration = reader.Duration(root, "duration");
        VersusGuest? versus = reader.Scalar(root, "versus") is string change
            ? reader.Guard(root, "versus", () => VersusChange.Guest(options, change, n => VersusChange.DefaultOf(BalloonvizCli.Build(), n)).Second)
            : null;
        ulong? hash = reader.Scalar(root, "hash") is string hashText
            ? ulong.TryParse(hashText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed) ? parsed : throw reader.Problem(Reader.Node(root, "hash")!, "hash is a whole number")
            : null;
        if (Reader.Node(root, "steps") is not YamlSequenceNode steps)
        {
            throw reader.Problem(root, "a scenario needs steps: a list of its moments");
        }

        ScenarioHost? host = reader.Host(root, guest);
        if (host is not null && versus is not null)
        {
            throw reader.Problem(Reader.Node(root, "guests")!, "a scenario has versus or guests, not both");
        }

        var timeline = new List<ScenarioStep>();
        foreach (YamlNode node in steps)
        {
            ScenarioStep step = reader.Step(node, options, migration, host?.Names);
            if (host is not null && step.Action is RestartAction)
            {
                throw reader.Problem(node, "restart is for one guest: a scenario of several guests keeps them");
            }

            timeline.Add(step);
        }

        return new Scenario(title, description, host?.Guests[0] ?? guest, migration, timeline, duration, hash, versus, host);
    }

    /// <summary>Writes a scenario file: a recording, which can be played again or given captions.</summary>
    public static string Write(string title, string description, ScenarioOptions options, IEnumerable<(long TimeNs, string Command)> steps, long? durationNs, ulong? hash)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(steps);
        var text = new StringBuilder();
        text.Append("title: ").AppendLine(Quoted(title));
        text.Append("description: ").AppendLine(Quoted(description));
        text.AppendLine("options:");
        foreach ((string name, string value) in options.Values)
        {
            text.Append("  ").Append(name).Append(": ").AppendLine(Quoted(value));
        }

        if (durationNs is long duration)
        {
            text.Append("duration: ").AppendLine(SimDuration.FormatAsInput(duration));
        }

        if (hash is ulong finalHash)
        {
            text.Append("hash: ").AppendLine(finalHash.ToString(CultureInfo.InvariantCulture));
        }

        text.AppendLine("steps:");
        foreach ((long time, string command) in steps)
        {
            text.Append("  - at: ").AppendLine(SimDuration.FormatAsInput(time));
            text.Append("    do: ").AppendLine(Quoted(command));
        }

        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar: always safe, whatever the text holds.</summary>
    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private sealed class Reader(string name)
    {
        public UsageException Problem(YamlNode node, string problem) => new($"{name}:{node.Start.Line}: {problem}");

        public T Guard<T>(YamlMappingNode map, string key, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (UsageException e)
            {
                throw Problem(Node(map, key) ?? map, e.Message);
            }
        }

        public static YamlNode? Node(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? node : null;

        public string? Scalar(YamlMappingNode map, string key) => Node(map, key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value ?? string.Empty,
            YamlNode other => throw Problem(other, $"{key} is one value, not a list or a mapping"),
        };

        public void OnlyKeys(YamlMappingNode map, string[] keys, string what)
        {
            foreach (YamlNode key in map.Children.Keys)
            {
                string text = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!keys.Contains(text))
                {
                    throw Problem(key, $"{what} has no key {Quoting.Quote(text)}; its keys are {string.Join(", ", keys)}");
                }
            }
        }

        public long? Duration(YamlMappingNode map, string key)
        {
            if (Scalar(map, key) is not string text)
            {
                return null;
            }

            return SimDuration.TryParse(text, out long ns, out string error) && ns >= 0 ? ns : throw Problem(Node(map, key)!, $"{key}: {(error.Length > 0 ? error : "must not be negative")}");
        }

        public ScenarioOptions Options(YamlMappingNode root)
        {
            switch (Node(root, "options"))
            {
                case null:
                    return new ScenarioOptions([]);
                case YamlMappingNode options:
                    var values = new List<(string, string)>();
                    foreach ((YamlNode key, YamlNode value) in options.Children)
                    {
                        values.Add((((YamlScalarNode)key).Value ?? string.Empty, value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Problem(value, "an option's value is one value")));
                    }

                    return new ScenarioOptions(values);
                case YamlNode other:
                    throw Problem(other, "options is a mapping of option names to values, e.g. { memory: 8GiB, workload: idle }");
            }
        }

        /// <summary>The guests: key, several guests on one host of the options' host-memory, each a SPEC as host --guest takes it.</summary>
        public ScenarioHost? Host(YamlMappingNode root, SimulationOptions defaults)
        {
            switch (Node(root, "guests"))
            {
                case null:
                    return null;
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    string[] specs = [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty)];
                    return Guard(root, "guests", () =>
                    {
                        if (specs.Length < 2)
                        {
                            throw new UsageException("guests: give two or more (one guest is the options alone)");
                        }

                        if (defaults.Host.CapacityBytes is not long capacity)
                        {
                            throw new UsageException("guests share a host: give its memory in options (host-memory: SIZE)");
                        }

                        GuestSpec[] parsed = HostCommand.ParseGuests(specs, defaults);
                        return new ScenarioHost(HostCommand.SharedHost(capacity, null, null), [.. parsed.Select(p => p.Options)], [.. parsed.Select(p => p.Name)]);
                    });
                case YamlNode other:
                    throw Problem(other, "guests is a list of guest SPECs, e.g. [1GiB:freed:70%, 1GiB:build] (as balloonviz host --guest takes them)");
            }
        }

        public ScenarioStep Step(YamlNode node, ScenarioOptions options, MigrationParameters migration, IReadOnlyList<string>? guests)
        {
            if (node is not YamlMappingNode step)
            {
                throw Problem(node, "a step is a mapping: at, after or when; and do, caption, chapter or expect");
            }

            OnlyKeys(step, StepKeys, "a step");
            string[] triggers = [.. TriggerKeys.Where(k => Node(step, k) is not null)];
            if (triggers.Length > 1)
            {
                throw Problem(step, $"a step has one of at, after and when, not {string.Join(" and ", triggers)}");
            }

            ScenarioTrigger trigger = triggers.FirstOrDefault() switch
            {
                "at" => new AtTrigger(Duration(step, "at")!.Value),
                "when" => new WhenTrigger(Guard(step, "when", () => Condition(Scalar(step, "when")!))),
                "after" => new AfterTrigger(Duration(step, "after")!.Value),
                _ => new AfterTrigger(0),
            };
            ScenarioAction? action = Scalar(step, "do") is string command ? Guard(step, "do", () => ForGuest(command, options, migration, guests)) : null;
            ScenarioCheck? expect = Scalar(step, "expect") is string checkText
                ? ScenarioCheck.TryParse(checkText, out ScenarioCheck? check, out string error) ? check : throw Problem(Node(step, "expect")!, $"expect: {error}")
                : null;
            return new ScenarioStep((int)step.Start.Line, trigger, action, Scalar(step, "caption"), Scalar(step, "chapter"), expect);
        }

        /// <summary>A step's command; on a host of several guests, <c>NAME: COMMAND</c> is for that guest alone.</summary>
        private static ScenarioAction ForGuest(string command, ScenarioOptions options, MigrationParameters migration, IReadOnlyList<string>? guests)
        {
            int colon = command.IndexOf(": ", StringComparison.Ordinal);
            if (guests is null || colon < 0)
            {
                return StepText.Parse(command, options, migration);
            }

            string name = command[..colon].Trim();
            int guest = guests.ToList().IndexOf(name);
            if (guest < 0)
            {
                throw new UsageException($"no guest {Quoting.Quote(name)}; the guests are {string.Join(", ", guests)}");
            }

            ScenarioAction action = StepText.Parse(command[(colon + 2)..], options, migration);
            return action is CommandAction one ? one with { Guest = guest, Text = command.Trim() } : throw new UsageException($"{Quoting.Quote(command)}: only a guest's commands go to one guest");
        }

        private static ScenarioCondition Condition(string text)
        {
            string trimmed = text.Trim();
            return trimmed switch
            {
                "migration-started" => new MigrationCondition(MigrationMoment.Started, trimmed),
                "migration-completed" => new MigrationCondition(MigrationMoment.Completed, trimmed),
                "migration-ended" => new MigrationCondition(MigrationMoment.Ended, trimmed),
                _ when trimmed.StartsWith("phase ", StringComparison.Ordinal) => new PhaseCondition(trimmed["phase ".Length..].Trim(), trimmed),
                _ => ScenarioCheck.TryParse(trimmed, out ScenarioCheck? check, out string error)
                    ? new FigureCondition(check!)
                    : throw new UsageException($"when: {Quoting.Quote(trimmed)} is no condition; write migration-started, migration-completed, migration-ended, phase NAME or FIGURE OP VALUE ({error})"),
            };
        }
    }
}
