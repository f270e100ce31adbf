using System.CommandLine;
using System.Text;

namespace Viz.App.Cli;

/// <summary>The zsh completion script, written from the command definitions: commands and options with their descriptions, and fixed values.</summary>
public static class ZshCompletion
{
    /// <summary>The script for <paramref name="root"/>; save it as _balloonviz in a folder of $fpath, or `source` it.</summary>
    public static string Script(RootCommand root)
    {
        List<CommandEntry> entries = [.. CommandTree.Commands(root)];
        var script = new StringBuilder();
        script.AppendLine("#compdef balloonviz");
        script.AppendLine("# zsh completion for balloonviz, written by `balloonviz completion zsh`.");
        script.AppendLine("_balloonviz() {");
        script.AppendLine("  local cmdpath=\"\" i");
        script.AppendLine("  local -a candidates");
        script.AppendLine("  # The subcommands typed so far (\"bench core\"): the words after balloonviz up to the first that is none.");
        script.AppendLine("  for ((i = 2; i < CURRENT; i++)); do");
        script.AppendLine("    case \"${cmdpath:+$cmdpath }${words[i]}\" in");
        script.AppendLine($"      ({string.Join('|', entries.Skip(1).Select(e => Quote(string.Join(' ', e.Path))))}) cmdpath=\"${{cmdpath:+$cmdpath }}${{words[i]}}\" ;;");
        script.AppendLine("      (*) break ;;");
        script.AppendLine("    esac");
        script.AppendLine("  done");
        script.AppendLine("  # The value of an option: its fixed values, or a hint at what to type.");
        script.AppendLine("  case \"$cmdpath:${words[CURRENT-1]}\" in");
        foreach (CommandEntry entry in entries)
        {
            foreach (Option option in entry.Options.Where(o => !CommandTree.IsFlag(o)))
            {
                string key = Quote($"{string.Join(' ', entry.Path)}:{option.Name}");
                IReadOnlyList<string> values = CommandTree.Values(option);
                script.AppendLine(values.Count > 0
                    ? $"    ({key}) compadd -- {string.Join(' ', values.Select(Quote))}; return ;;"
                    : $"    ({key}) _message {Quote(HelpPage.ValueName(option) ?? option.Name)}; return ;;");
            }
        }

        script.AppendLine("  esac");
        script.AppendLine("  case \"$cmdpath\" in");
        foreach (CommandEntry entry in entries)
        {
            IEnumerable<string> items = entry.Command.Subcommands.Select(c => Item(c.Name, c.Description))
                .Concat(CommandTree.ArgumentValues(entry.Command).Select(value => Item(value, null)))
                .Concat(entry.Options.SelectMany(o => CommandTree.TypedNames(o).Select(name => Item(name, o.Description))));
            script.AppendLine($"    ({Quote(string.Join(' ', entry.Path))}) candidates=({string.Join(' ', items)}) ;;");
        }

        script.AppendLine("  esac");
        script.AppendLine("  _describe 'balloonviz' candidates");
        script.AppendLine("}");
        script.AppendLine("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then");
        script.AppendLine("  _balloonviz \"$@\"");
        script.AppendLine("else");
        script.AppendLine("  compdef _balloonviz balloonviz");
        script.AppendLine("fi");
        return script.ToString();
    }

    /// <summary>A _describe item, name:description, with the name's colons escaped.</summary>
    private static string Item(string name, string? description) =>
        Quote(name.Replace(":", "\\:", StringComparison.Ordinal) + (string.IsNullOrEmpty(description) ? string.Empty : ":" + description));

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
