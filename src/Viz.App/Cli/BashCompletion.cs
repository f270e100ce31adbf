using System.CommandLine;
using System.Text;

namespace Viz.App.Cli;

/// <summary>The bash completion script, written from the command definitions: commands, options, and their fixed values.</summary>
public static class BashCompletion
{
    /// <summary>The script for <paramref name="root"/>; `source` it, or put it in ~/.local/share/bash-completion/completions/balloonviz.</summary>
    public static string Script(RootCommand root)
    {
        List<CommandEntry> entries = [.. CommandTree.Commands(root)];
        var script = new StringBuilder();
        script.AppendLine("# bash completion for balloonviz, written by `balloonviz completion bash`.");
        script.AppendLine("_balloonviz()");
        script.AppendLine("{");
        script.AppendLine("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmdpath=\"\" i");
        script.AppendLine("    # The subcommands typed so far (\"bench core\"): the words after balloonviz up to the first that is none.");
        script.AppendLine("    for ((i = 1; i < COMP_CWORD; i++)); do");
        script.AppendLine("        case \"${cmdpath:+$cmdpath }${COMP_WORDS[i]}\" in");
        script.AppendLine($"            {string.Join('|', entries.Skip(1).Select(e => Quote(string.Join(' ', e.Path))))}) cmdpath=\"${{cmdpath:+$cmdpath }}${{COMP_WORDS[i]}}\" ;;");
        script.AppendLine("            *) break ;;");
        script.AppendLine("        esac");
        script.AppendLine("    done");
        script.AppendLine("    # The value of an option: its fixed values, or nothing to offer for a free-form one (a size, a duration).");
        script.AppendLine("    case \"$cmdpath:$prev\" in");
        foreach (CommandEntry entry in entries)
        {
            foreach (Option option in entry.Options.Where(o => !CommandTree.IsFlag(o)))
            {
                string key = Quote($"{string.Join(' ', entry.Path)}:{option.Name}");
                IReadOnlyList<string> values = CommandTree.Values(option);
                script.AppendLine(values.Count > 0
                    ? $"        {key}) COMPREPLY=($(compgen -W {Quote(string.Join(' ', values))} -- \"$cur\")); return ;;"
                    : $"        {key}) COMPREPLY=(); return ;;");
            }
        }

        script.AppendLine("    esac");
        script.AppendLine("    local words=\"\"");
        script.AppendLine("    case \"$cmdpath\" in");
        foreach (CommandEntry entry in entries)
        {
            IEnumerable<string> words = entry.Command.Subcommands.Select(c => c.Name)
                .Concat(CommandTree.ArgumentValues(entry.Command))
                .Concat(entry.Options.SelectMany(CommandTree.TypedNames));
            script.AppendLine($"        {Quote(string.Join(' ', entry.Path))}) words={Quote(string.Join(' ', words))} ;;");
        }

        script.AppendLine("    esac");
        script.AppendLine("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))");
        script.AppendLine("}");
        script.AppendLine("complete -F _balloonviz balloonviz");
        return script.ToString();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
