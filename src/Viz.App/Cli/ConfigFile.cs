using System.CommandLine;
using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>One key = value of the config file.</summary>
/// <param name="Table">The table it is in ("run", "visualizer"), or null at the top.</param>
/// <param name="Key">The option's name without the dashes ("memory").</param>
/// <param name="Value">The value as the command line would take it ("8GiB", "30", "true").</param>
/// <param name="IsBoolean">Whether it was a TOML boolean (true, false).</param>
/// <param name="Line">Its line in the file, from 1.</param>
public sealed record ConfigValue(string? Table, string Key, string Value, bool IsBoolean, int Line);

/// <summary>
/// The config file of default options, $XDG_CONFIG_HOME/balloonviz/config.toml (or ~/.config/balloonviz/config.toml,
/// or $BALLOONVIZ_CONFIG): keys are option names without the dashes. Top-level keys apply to every command that has
/// the option; a table per command ([run], [migrate], [compare], [bench], [visualizer] for balloonviz without a
/// command) applies to that command and its subcommands, and overrides them.
/// </summary>
public sealed class ConfigFile
{
    /// <summary>The table of the visualizer: balloonviz without a command.</summary>
    public const string VisualizerTable = "visualizer";

    /// <summary>The table that rebinds the visualizer's keys: binding = "characters".</summary>
    public const string KeysTable = "keys";

    /// <summary>Where the file is, as the man page and README say it.</summary>
    public const string DefaultPathText = "$XDG_CONFIG_HOME/balloonviz/config.toml";

    private ConfigFile(string path, IReadOnlyList<ConfigValue> values, IReadOnlyList<ConfigValue> keys)
    {
        Path = path;
        Values = values;
        Keys = keys;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Every key = value, in the order of the file.</summary>
    public IReadOnlyList<ConfigValue> Values { get; }

    /// <summary>The [keys] table: a key binding's name and its new characters, checked by the visualizer's key map.</summary>
    public IReadOnlyList<ConfigValue> Keys { get; }

    /// <summary>
    /// The config file to read: $BALLOONVIZ_CONFIG when set (it must exist), else
    /// $XDG_CONFIG_HOME/balloonviz/config.toml, else $HOME/.config/balloonviz/config.toml; null when there is none.
    /// </summary>
    public static string? Locate(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("BALLOONVIZ_CONFIG") is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : throw new UsageException($"BALLOONVIZ_CONFIG names {chosen}, which does not exist");
        }

        string? folder = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg) ? xdg
            : environment("HOME") is { Length: > 0 } home ? System.IO.Path.Combine(home, ".config")
            : null;
        string? path = folder is null ? null : System.IO.Path.Combine(folder, "balloonviz", "config.toml");
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> and checks its tables and keys against the commands of
    /// <paramref name="root"/>; a malformed file, an unknown table or key, or a value of the wrong kind is a
    /// <see cref="UsageException"/> naming the file and the line.
    /// </summary>
    public static ConfigFile Read(string path, RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the config file: {e.Message}");
        }

        DocumentSyntax document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is DiagnosticMessage problem)
        {
            throw new UsageException($"{path}:{problem.Span.Start.Line + 1}: {problem.Message}");
        }

        List<CommandEntry> entries = [.. CommandTree.Commands(root)];
        var values = new List<ConfigValue>();
        var keys = new List<ConfigValue>();
        foreach (KeyValueSyntax item in document.KeyValues)
        {
            values.Add(Value(path, null, item, entries));
        }

        foreach (TableSyntaxBase table in document.Tables)
        {
            int line = table.Span.Start.Line + 1;
            string name = table.Name?.ToString().Trim() ?? string.Empty;
            if (table is TableSyntax && name == KeysTable)
            {
                keys.AddRange(table.Items.Select(KeyBinding));
                continue;
            }

            if (table is not TableSyntax || !TableNames(entries).Contains(name))
            {
                throw new UsageException($"{path}:{line}: unknown table [{name}]; the tables are {string.Join(", ", TableNames(entries).Append(KeysTable).Select(t => $"[{t}]"))}");
            }

            foreach (KeyValueSyntax item in table.Items)
            {
                values.Add(Value(path, name, item, entries));
            }
        }

        return new ConfigFile(path, values, keys);

        ConfigValue KeyBinding(KeyValueSyntax item)
        {
            int line = item.Span.Start.Line + 1;
            string key = item.Key?.ToString().Trim() ?? string.Empty;
            return item.Value is StringValueSyntax text
                ? new ConfigValue(KeysTable, key, text.Value ?? string.Empty, false, line)
                : throw new UsageException($"{path}:{line}: [keys] {key} takes a string of characters, one per key (e.g. migrate = \"g\")");
        }
    }

    /// <summary>
    /// The values for <paramref name="entry"/>'s options: the top-level ones, then those of its command's table, which
    /// override them; at most one per option.
    /// </summary>
    public IReadOnlyList<(Option Option, ConfigValue Value)> For(CommandEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string table = entry.Path.Count == 0 ? VisualizerTable : entry.Path[0];
        var chosen = new Dictionary<Option, ConfigValue>();
        foreach (ConfigValue value in Values.Where(v => v.Table is null).Concat(Values.Where(v => v.Table == table)))
        {
            if (Settable(entry).FirstOrDefault(o => o.Name == "--" + value.Key) is Option option)
            {
                chosen[option] = value;
            }
        }

        return [.. chosen.Select(pair => (pair.Key, pair.Value))];
    }

    /// <summary>The options of a command a config file may set: all but --help, --version and the recursive ones (--no-config).</summary>
    private static IEnumerable<Option> Settable(CommandEntry entry) =>
        entry.Options.Where(o => !CommandTree.IsInformational(o) && !o.Recursive);

    /// <summary>The commands a table applies to: all for the top level (null), else the named command and its subcommands.</summary>
    private static IEnumerable<CommandEntry> Scope(string? table, List<CommandEntry> entries) =>
        table is null ? entries
        : table == VisualizerTable ? entries.Take(1)
        : entries.Where(e => e.Path.Count > 0 && e.Path[0] == table);

    /// <summary>The tables: one per command that has options to set, and the visualizer's.</summary>
    private static IEnumerable<string> TableNames(List<CommandEntry> entries) =>
        entries.Where(e => e.Path.Count == 1 && Scope(e.Path[0], entries).Any(c => Settable(c).Any())).Select(e => e.Path[0]).Prepend(VisualizerTable);

    private static ConfigValue Value(string path, string? table, KeyValueSyntax item, List<CommandEntry> entries)
    {
        int line = item.Span.Start.Line + 1;
        string key = item.Key?.ToString().Trim() ?? string.Empty;
        Option? option = Scope(table, entries).SelectMany(Settable).FirstOrDefault(o => o.Name == "--" + key);
        if (option is null)
        {
            string where = table is null ? "any command" : table == VisualizerTable ? "the visualizer" : $"balloonviz {table}";
            throw new UsageException($"{path}:{line}: unknown key {key}: no option --{key} in {where}");
        }

        (string? text, bool isBoolean) = item.Value switch
        {
            StringValueSyntax s => (s.Value, false),
            IntegerValueSyntax i => (i.Value.ToString(CultureInfo.InvariantCulture), false),
            FloatValueSyntax f => (f.Value.ToString(CultureInfo.InvariantCulture), false),
            BooleanValueSyntax b => (b.Value ? "true" : "false", true),
            _ => (null, false),
        };
        if (text is null || (CommandTree.IsFlag(option) && !isBoolean))
        {
            string kind = CommandTree.IsFlag(option) ? "true or false" : "one value, e.g. a string";
            throw new UsageException($"{path}:{line}: {key} takes {kind}");
        }

        return new ConfigValue(table, key, text, isBoolean, line);
    }
}
