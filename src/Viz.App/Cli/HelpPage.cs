using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Viz.App.Cli;

/// <summary>
/// --help: the command's description, usage, arguments, options and subcommands, with each option's default as a user
/// types it (System.CommandLine's own help prints the raw value: 8589934592, Off).
/// </summary>
public sealed class HelpPage : SynchronousCommandLineAction
{
    /// <summary>Makes --help of every command under <paramref name="root"/> print this page.</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.OfType<HelpOption>().Single().Action = new HelpPage();
    }

    /// <summary>The option's names as a user types them, short ones first: "-?, -h, --help".</summary>
    public static string Names(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return string.Join(", ", option.Aliases.Prepend(option.Name).Where(name => name.StartsWith('-')).Distinct()
            .OrderBy(name => name.Length).ThenBy(name => name, StringComparer.Ordinal));
    }

    /// <summary>The option's description, ending with its default ([default: 8GiB]) when it has one to show.</summary>
    public static string Description(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        string description = option.Description ?? string.Empty;
        return OptionDefaults.Of(option) is string text ? $"{description} [default: {text}]" : description;
    }

    /// <summary>The value an option takes, as help shows it ("SIZE"), or null for a flag.</summary>
    public static string? ValueName(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return CommandTree.IsFlag(option) ? null : option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant();
    }

    /// <summary>Writes the page of <paramref name="entry"/> to <paramref name="output"/>, wrapped at <paramref name="width"/> columns.</summary>
    public static void Write(CommandEntry entry, TextWriter output, int width)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(output);
        Command command = entry.Command;
        output.WriteLine("Description:");
        WriteWrapped(output, command.Description ?? string.Empty, 2, width);
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine($"  {Usage(entry)}");
        List<(string First, string Second)> arguments = [.. command.Arguments.Where(a => !a.Hidden).Select(a => ($"<{a.HelpName ?? a.Name}>", a.Description ?? string.Empty))];
        WriteSection(output, "Arguments:", arguments, width);
        WriteSection(output, "Options:", [.. entry.Options.Where(o => !o.Hidden).Select(o => (ValueName(o) is string value ? $"{Names(o)} <{value}>" : Names(o), Description(o)))], width);
        WriteSection(output, "Commands:", [.. command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? string.Empty))], width);
    }

    /// <summary>The command's usage line: "balloonviz migrate [options]", "balloonviz bench [command] [options]".</summary>
    public static string Usage(CommandEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        IEnumerable<string> parts = entry.Command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>");
        if (entry.Command.Subcommands.Count > 0)
        {
            parts = parts.Prepend("[command]");
        }

        return string.Join(' ', [entry.Usage, .. parts, "[options]"]);
    }

    /// <summary>Help is shown even when the rest of the command line is wrong ("completion --help" without a shell).</summary>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        Command command = parseResult.CommandResult.Command;
        CommandEntry entry = CommandTree.Commands(parseResult.RootCommandResult.Command).First(e => ReferenceEquals(e.Command, command));
        TextWriter output = parseResult.InvocationConfiguration.Output;
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Write(entry, output, terminal ? Math.Max(40, Console.WindowWidth) : int.MaxValue);
        return 0;
    }

    private static void WriteSection(TextWriter output, string title, List<(string First, string Second)> rows, int width)
    {
        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        int firstWidth = rows.Max(row => row.First.Length);
        foreach ((string first, string second) in rows)
        {
            output.Write($"  {first.PadRight(firstWidth)}  ");
            WriteWrapped(output, second, firstWidth + 4, width, indentFirstLine: false);
        }
    }

    /// <summary>Writes <paramref name="text"/> in lines of at most <paramref name="width"/> columns, each indented.</summary>
    private static void WriteWrapped(TextWriter output, string text, int indent, int width, bool indentFirstLine = true)
    {
        int room = Math.Max(20, width - indent);
        int column = 0;
        output.Write(indentFirstLine ? new string(' ', indent) : string.Empty);
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + 1 + word.Length > room)
            {
                output.WriteLine();
                output.Write(new string(' ', indent));
                column = 0;
            }
            else if (column > 0)
            {
                output.Write(' ');
                column++;
            }

            output.Write(word);
            column += word.Length;
        }

        output.WriteLine();
    }
}
