using System.CommandLine;
using System.CommandLine.Help;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>
/// Every option of every command, given values no option accepts: each gets one clear message and exit code 2 — never a
/// stack trace, never a run.
/// </summary>
public class MalformedInputTests
{
    /// <summary>Values that are wrong for every option that takes a value.</summary>
    private static readonly string[] BadValues =
    [
        "abc", string.Empty, "NaN", "0x1f", "１２", "-1", "1e999", "99999999999999999999999TiB", "on?", new string('9', 100_000) + "x",
    ];

    /// <summary>Values that only whole-number options refuse: ints, and the seed (a 64-bit unsigned number).</summary>
    private static readonly string[] BadInts = ["1.5", "2147483648", "+3", "0"];

    private static readonly string[] BadSeeds = ["1.5", "18446744073709551616", "+3"];

    public static TheoryData<string[]> CommandLines()
    {
        var lines = new TheoryData<string[]>();
        RootCommand root = BalloonvizCli.Build();
        foreach ((string[] path, Command command) in Commands(root, []))
        {
            foreach (Option option in command.Options.Where(o => o is not HelpOption and not VersionOption && o.Name != "--theme"))
            {
                bool flag = option.ValueType == typeof(bool);
                string[] values = flag ? ["abc", "on?"]
                    : option.ValueType == typeof(int) ? [.. BadValues, .. BadInts]
                    : option.ValueType == typeof(ulong) ? [.. BadValues, .. BadSeeds]
                    : BadValues;
                foreach (string value in values)
                {
                    lines.Add([.. path, option.Name, value]);
                }
            }

            lines.Add([.. path, "--no-such-option"]);
            lines.Add([.. path, "stray-argument"]);
        }

        lines.Add(["@/etc/passwd"]);
        lines.Add(["bench", "nope"]);
        return lines;
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void A_malformed_command_line_gets_one_clear_line_and_exit_code_2(string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.StartsWith("balloonviz: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.InRange(lines[0].Length, 1, 300);
    }

    [Fact]
    public void There_are_a_few_hundred_malformed_command_lines()
    {
        Assert.True(CommandLines().Count >= 300, $"{CommandLines().Count} command lines");
    }

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        yield return (path, command);
        foreach (Command sub in command.Subcommands)
        {
            foreach ((string[] subPath, Command subCommand) in Commands(sub, [.. path, sub.Name]))
            {
                yield return (subPath, subCommand);
            }
        }
    }
}
