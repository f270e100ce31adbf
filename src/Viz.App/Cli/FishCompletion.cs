using System.CommandLine;
using System.Text;

namespace Viz.App.Cli;

/// <summary>The fish completion script, written from the command definitions: commands and options with their descriptions, and fixed values.</summary>
public static class FishCompletion
{
    /// <summary>The script for <paramref name="root"/>; save it as ~/.config/fish/completions/balloonviz.fish.</summary>
    public static string Script(RootCommand root)
    {
        List<CommandEntry> entries = [.. CommandTree.Commands(root)];
        var script = new StringBuilder();
        script.AppendLine("# fish completion for balloonviz, written by `balloonviz completion fish`.");
        script.AppendLine("# The subcommands typed so far (\"bench core\"): the words after balloonviz up to the first that is none.");
        script.AppendLine("function __balloonviz_command");
        script.AppendLine("    set -l found");
        script.AppendLine("    for word in (commandline -opc)[2..-1]");
        script.AppendLine($"        if contains -- (string join ' ' $found $word) {string.Join(' ', entries.Skip(1).Select(e => Quote(string.Join(' ', e.Path))))}");
        script.AppendLine("            set found $found $word");
        script.AppendLine("        else");
        script.AppendLine("            break");
        script.AppendLine("        end");
        script.AppendLine("    end");
        script.AppendLine("    string join ' ' $found");
        script.AppendLine("end");
        script.AppendLine("function __balloonviz_at");
        script.AppendLine("    set -l current (__balloonviz_command)");
        script.AppendLine("    test \"$current\" = \"$argv[1]\"");
        script.AppendLine("end");
        script.AppendLine("complete -c balloonviz -f");
        foreach (CommandEntry entry in entries)
        {
            string at = $"-n {Quote("__balloonviz_at " + Quote(string.Join(' ', entry.Path)))}";
            foreach (Command sub in entry.Command.Subcommands)
            {
                script.AppendLine($"complete -c balloonviz {at} -a {Quote(sub.Name)} -d {Quote(sub.Description ?? string.Empty)}");
            }

            foreach (string value in CommandTree.ArgumentValues(entry.Command))
            {
                script.AppendLine($"complete -c balloonviz {at} -a {Quote(value)}");
            }

            foreach (Option option in entry.Options)
            {
                IEnumerable<string> names = CommandTree.TypedNames(option).Select(name => name.StartsWith("--", StringComparison.Ordinal) ? $"-l {name[2..]}" : $"-s {name[1..]}");
                IReadOnlyList<string> values = CommandTree.Values(option);
                string takes = CommandTree.IsFlag(option) ? string.Empty : values.Count > 0 ? $" -x -a {Quote(string.Join(' ', values))}" : " -x";
                script.AppendLine($"complete -c balloonviz {at} {string.Join(' ', names)}{takes} -d {Quote(option.Description ?? string.Empty)}");
            }
        }

        return script.ToString();
    }

    /// <summary>A fish single-quoted string: only backslash and the quote are escaped.</summary>
    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
