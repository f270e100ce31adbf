using System.CommandLine;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>--help shows each default as a user types it: 8GiB, 60s, 100GiB/s, 300ms, off, upstream, idle.</summary>
public class HelpDefaultsTests
{
    public static TheoryData<string[]> CommandPaths() =>
        [.. CommandTree.Commands(BalloonvizCli.Build()).Select(entry => entry.Path.ToArray())];

    [Fact]
    public void Run_help_shows_the_defaults_as_typed()
    {
        (int exit, string output, string error) = CliRunner.Run("run", "--help");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        foreach (string shown in new[] { "[default: 8GiB]", "[default: 60s]", "[default: off]", "[default: on]", "[default: upstream]", "[default: idle]", "[default: 1]" })
        {
            Assert.Contains(shown, output, StringComparison.Ordinal);
        }

        foreach (string raw in new[] { "8589934592", "60000000000", "[default: Off]", "[default: On]", "[default: Upstream]" })
        {
            Assert.DoesNotContain(raw, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Migrate_help_shows_the_migration_defaults_as_typed_without_jargon()
    {
        (_, string output, _) = CliRunner.Run("migrate", "--help");

        Assert.Contains("[default: 100GiB/s]", output, StringComparison.Ordinal);
        Assert.Contains("[default: 300ms]", output, StringComparison.Ordinal);
        Assert.Contains("[default: 30]", output, StringComparison.Ordinal);
        Assert.Contains("no real limit on a local link", output, StringComparison.Ordinal);
        Assert.DoesNotContain("107374182400", output, StringComparison.Ordinal);
        Assert.DoesNotContain("300000000", output, StringComparison.Ordinal);
        Assert.DoesNotContain("the seed's", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_visualizer_help_shows_its_speed_default_as_typed()
    {
        (_, string output, _) = CliRunner.Run("--help");

        Assert.Contains("[default: x1]", output, StringComparison.Ordinal);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Every_command_help_lists_its_options_and_help(string[] path)
    {
        CommandEntry entry = CommandTree.Commands(BalloonvizCli.Build()).Single(e => e.Path.SequenceEqual(path));
        (int exit, string output, _) = CliRunner.Run([.. path, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains($"Usage:\n  {entry.Usage}", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("-?, -h, --help", output, StringComparison.Ordinal);
        foreach (Option option in entry.Options.Where(o => !o.Hidden))
        {
            Assert.Contains(option.Name, output, StringComparison.Ordinal);
        }
    }

    /// <summary>A value for each option a command requires, so that its other options can be parsed on their own.</summary>
    private static readonly Dictionary<string, string> RequiredExamples = new()
    {
        ["--guest"] = "1GiB:idle",
        ["--host-memory"] = "2GiB",
        ["--output"] = "out.cast",
    };

    /// <summary>The shown default is no paraphrase: typed back in, it gives the option's real default.</summary>
    [Fact]
    public void Every_default_shown_parses_back_to_the_default_itself()
    {
        RootCommand root = BalloonvizCli.Build();
        int checkedOptions = 0;
        foreach (CommandEntry entry in CommandTree.Commands(root))
        {
            foreach (Option option in entry.Options.Where(o => o.HasDefaultValue && !CommandTree.IsFlag(o)))
            {
                string? text = OptionDefaults.Of(option);
                Assert.True(text is not null, $"{entry.Usage} {option.Name} has a default but no text for it");
                string[] required = [.. entry.Options.Where(o => o.Required && o != option).SelectMany(o => new[] { o.Name, RequiredExamples[o.Name] })];
                string[] arguments = [.. entry.Command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).Select(_ => "argument")];
                ParseResult parse = root.Parse([.. entry.Path, .. arguments, .. required, option.Name, text]);
                Assert.Empty(parse.Errors);
                Assert.Equal(option.GetDefaultValue(), parse.GetResult(option)!.GetValueOrDefault<object>());
                checkedOptions++;
            }
        }

        Assert.True(checkedOptions > 40, $"{checkedOptions} options");
    }
}
