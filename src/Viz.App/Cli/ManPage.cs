using System.CommandLine;
using System.Reflection;
using System.Text;

namespace Viz.App.Cli;

/// <summary>The balloonviz(1) man page in roff, written from the command definitions: every command and option with its default.</summary>
public static class ManPage
{
    /// <summary>The page for <paramref name="root"/>.</summary>
    public static string Write(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        List<CommandEntry> entries = [.. CommandTree.Commands(root)];
        var page = new StringBuilder();
        string version = typeof(ManPage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? string.Empty;
        page.AppendLine($".TH BALLOONVIZ 1 \"\" \"balloonviz {version}\" \"User Commands\"");
        page.AppendLine(".SH NAME");
        page.AppendLine(@"balloonviz \- watch virtio\-balloon free page hinting, free page reporting and page poisoning work on a simulated guest");
        page.AppendLine(".SH SYNOPSIS");
        foreach (CommandEntry entry in entries.Where(e => e.Command.Action is not null))
        {
            page.AppendLine($".B {Escape(entry.Usage)}");
            page.AppendLine(string.Join(' ', entry.Command.Arguments.Select(a => $@"\fI{Escape(a.HelpName ?? a.Name)}\fR").Append(@"[\fIoptions\fR]")));
            page.AppendLine(".br");
        }

        page.AppendLine(".SH DESCRIPTION");
        Paragraph(page, root.Description);
        page.AppendLine(".SH COMMANDS");
        foreach (CommandEntry entry in entries.Skip(1))
        {
            page.AppendLine(".TP");
            page.AppendLine($".B {Escape(string.Join(' ', entry.Path))}");
            Paragraph(page, entry.Command.Description);
        }

        page.AppendLine(".SH OPTIONS");
        page.AppendLine("Sizes take binary units (64MiB, 8GiB, 1TiB), rates the same per second (128MiB/s), durations ns, us, ms, s, m or h (1500ms, 60s, 2m).");
        page.AppendLine(".SS Every command");
        foreach (Option option in entries[0].Options.Where(o => o.Recursive && !o.Hidden))
        {
            Option(page, option);
        }

        foreach (CommandEntry entry in entries)
        {
            Option[] options = [.. entry.Options.Where(o => !o.Recursive && !o.Hidden)];
            if (options.Length > 0)
            {
                page.AppendLine($".SS \"{Escape(entry.Usage)}\"{(entry.Path.Count == 0 ? " (the visualizer)" : string.Empty)}");
                foreach (Option option in options)
                {
                    Option(page, option);
                }
            }
        }

        page.AppendLine(".SH EXIT STATUS");
        Term(page, ".B 0", "Success.");
        Term(page, ".B 2", "Bad input: an unknown command or option, a value an option rejects, a malformed config file, or no terminal for the visualizer. One line on standard error says what is wrong.");
        Term(page, ".B 70", "The simulator itself failed (an internal error).");
        page.AppendLine(".SH ENVIRONMENT");
        Term(page, ".B BALLOONVIZ_CONFIG", "The config file to read instead of the default one.");
        Term(page, ".B XDG_CONFIG_HOME", "Where the config file is looked for (default: ~/.config).");
        Term(page, ".B NO_COLOR", "When set, the visualizer starts with the glyph-only mono theme.");
        Term(page, ".B COLORTERM, TERM", "How many colours the visualizer draws with (unless --colours says): 24-bit when COLORTERM is truecolor or 24bit, the xterm 256-colour palette when TERM has 256color, else the 16 ANSI colours (and the ansi16 theme).");
        page.AppendLine(".SH FILES");
        Term(page, $".I {Escape(ConfigFile.DefaultPathText)}", "(or ~/.config/balloonviz/config.toml when XDG_CONFIG_HOME is not set, or the file BALLOONVIZ_CONFIG names) Default options, in TOML: keys are option names without the dashes (memory = \"8GiB\", workload = \"build\", poison = \"page_poison\"). Top-level keys apply to every command that has the option; the tables [run], [migrate], [compare], [bench] and [visualizer] (balloonviz without a command) apply to that command and override them. Options given on the command line override both; --no-config skips the file.");
        page.AppendLine(".SH EXAMPLES");
        foreach ((string example, string meaning) in new[]
        {
            ("balloonviz --memory 8GiB --workload hog:3GiB", "Open the visualizer on an 8 GiB guest while a hog holds 3 GiB."),
            ("balloonviz run --memory 8GiB --reporting on --duration 30s --json", "Run a guest with free page reporting for 30 simulated seconds and print its figures as JSON."),
            ("balloonviz compare --memory 8GiB", "Migrate the same guest without and with free page hinting and compare the two."),
            ("balloonviz migrate --hinting on --bandwidth 128MiB/s --csv", "One migration with hinting at QEMU's default bandwidth, as CSV."),
            ("balloonviz completion bash > ~/.local/share/bash-completion/completions/balloonviz", "Install bash completion."),
        })
        {
            page.AppendLine(".TP");
            page.AppendLine($".B {Escape(example)}");
            Paragraph(page, meaning);
        }

        page.AppendLine(".SH SEE ALSO");
        page.AppendLine(".BR qemu (1)");
        return page.ToString();
    }

    private static void Option(StringBuilder page, Option option)
    {
        page.AppendLine(".TP");
        string names = string.Join(", ", CommandTree.TypedNames(option).Select(name => $@"\fB{Escape(name)}\fR"));
        page.AppendLine(HelpPage.ValueName(option) is string value ? $@"{names} \fI{Escape(value)}\fR" : names);
        Paragraph(page, option.Description);
        if (OptionDefaults.Of(option) is string text)
        {
            page.AppendLine($"Default: {Escape(text)}.");
        }
    }

    private static void Term(StringBuilder page, string term, string text)
    {
        page.AppendLine(".TP");
        page.AppendLine(term);
        Paragraph(page, text);
    }

    private static void Paragraph(StringBuilder page, string? text) => page.AppendLine(Escape(text ?? string.Empty));

    /// <summary>Roff text: backslashes and dashes escaped, and no line may start with a control character.</summary>
    private static string Escape(string text)
    {
        string escaped = text.Replace(@"\", @"\e", StringComparison.Ordinal).Replace("-", @"\-", StringComparison.Ordinal);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? @"\&" + escaped : escaped;
    }
}
