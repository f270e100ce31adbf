using System.CommandLine;
using System.CommandLine.Parsing;

namespace Viz.App.Cli;

/// <summary>
/// Turns a config file's values into command-line options put before the user's own, for the options the user did not
/// give: the command line wins, and every value goes through the same parsers and error messages.
/// </summary>
public static class ConfigArguments
{
    /// <summary>
    /// <paramref name="args"/> with the config's values for <paramref name="entry"/> inserted after the command's
    /// name; <paramref name="applied"/> says which option got which value.
    /// </summary>
    public static string[] Insert(string[] args, CommandEntry entry, ParseResult given, ConfigFile config, out IReadOnlyDictionary<Option, ConfigValue> applied)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(config);
        var used = new Dictionary<Option, ConfigValue>();
        var tokens = new List<string>();
        foreach ((Option option, ConfigValue value) in config.For(entry))
        {
            if (given.GetResult(option) is OptionResult { Implicit: false })
            {
                continue;
            }

            used[option] = value;
            tokens.Add(option.Name);
            tokens.Add(value.IsBoolean && !CommandTree.IsFlag(option) ? (value.Value == "true" ? "on" : "off") : value.Value);
        }

        // The [keys] table becomes one --key NAME=KEYS per binding, for the visualizer, unless the command line gives --key.
        if (entry.Path.Count == 0 && config.Keys.Count > 0 && entry.Options.FirstOrDefault(o => o.Name == "--key") is Option keys
            && given.GetResult(keys) is not OptionResult { Implicit: false })
        {
            used[keys] = config.Keys[0];
            foreach (ConfigValue binding in config.Keys)
            {
                tokens.Add(keys.Name);
                tokens.Add($"{binding.Key}={binding.Value}");
            }
        }

        applied = used;
        int at = AfterCommand(args, entry.Path);
        return [.. args[..at], .. tokens, .. args[at..]];
    }

    /// <summary>Where the command's name ends in <paramref name="args"/>: after the last of its subcommand names.</summary>
    private static int AfterCommand(string[] args, IReadOnlyList<string> path)
    {
        int at = 0;
        foreach (string name in path)
        {
            int found = Array.IndexOf(args, name, at);
            if (found < 0)
            {
                break;
            }

            at = found + 1;
        }

        return at;
    }
}
