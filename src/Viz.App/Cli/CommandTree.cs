using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace Viz.App.Cli;

/// <summary>One command of the command line, for the generators that walk it (help, completion scripts, man page, config file).</summary>
/// <param name="Path">The subcommand names that lead to it from the root (empty for the root).</param>
/// <param name="Command">The command.</param>
/// <param name="Options">
/// The options a user can give it: its own and its parents' recursive ones (such as --help and --no-config).
/// </param>
public sealed record CommandEntry(IReadOnlyList<string> Path, Command Command, IReadOnlyList<Option> Options)
{
    /// <summary>As a user types it: "balloonviz", "balloonviz bench core".</summary>
    public string Usage => string.Join(' ', ["balloonviz", .. Path]);
}

/// <summary>Walks the command line's definitions.</summary>
public static partial class CommandTree
{
    /// <summary>Every command under <paramref name="root"/>, the root first, each followed by its subcommands.</summary>
    public static IEnumerable<CommandEntry> Commands(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Walk(root, [], []);
    }

    /// <summary>The fixed values an option takes (on, off; the workload names), or none when its values are free-form.</summary>
    public static IReadOnlyList<string> Values(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return IsFlag(option) ? [] : [.. option.GetCompletions(CompletionContext.Empty).Select(item => item.Label)];
    }

    /// <summary>The names a user types for an option: --memory; -h and --help (not /h or -?, which shells would glob).</summary>
    public static IEnumerable<string> TypedNames(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Aliases.Prepend(option.Name).Where(name => TypedName().IsMatch(name)).Distinct().OrderBy(name => name.Length);
    }

    /// <summary>The fixed values of a command's arguments (bash, zsh, fish for `completion`).</summary>
    public static IReadOnlyList<string> ArgumentValues(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return [.. command.Arguments.SelectMany(argument => argument.GetCompletions(CompletionContext.Empty).Select(item => item.Label))];
    }

    /// <summary>Whether an option is a flag: given alone, without a value.</summary>
    public static bool IsFlag(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0;
    }

    /// <summary>Whether an option only shows information (--help, --version) instead of setting how a command runs.</summary>
    public static bool IsInformational(Option option) => option is HelpOption or VersionOption;

    private static IEnumerable<CommandEntry> Walk(Command command, string[] path, Option[] inherited)
    {
        Option[] options = [.. command.Options.Concat(inherited).Distinct().OrderBy(IsInformational)];
        yield return new CommandEntry(path, command, options);
        Option[] recursive = [.. options.Where(option => option.Recursive)];
        foreach (Command sub in command.Subcommands)
        {
            foreach (CommandEntry entry in Walk(sub, [.. path, sub.Name], recursive))
            {
                yield return entry;
            }
        }
    }

    [GeneratedRegex("^--?[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex TypedName();
}
