using System.CommandLine;
using System.Diagnostics;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>`balloonviz completion bash|zsh|fish`: scripts written from the command definitions.</summary>
public class CompletionCommandTests
{
    public static TheoryData<string> Shells() => ["bash", "zsh", "fish"];

    [Theory]
    [MemberData(nameof(Shells))]
    public void The_script_names_every_command_option_and_fixed_value(string shell)
    {
        (int exit, string script, string error) = CliRunner.Run("completion", shell);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        foreach (CommandEntry entry in CommandTree.Commands(BalloonvizCli.Build()))
        {
            Assert.Contains($"'{string.Join(' ', entry.Path)}'", script, StringComparison.Ordinal);
            foreach (Option option in entry.Options)
            {
                Assert.Contains(shell == "fish" ? $"-l {option.Name[2..]}" : option.Name, script, StringComparison.Ordinal);
                foreach (string value in CommandTree.Values(option))
                {
                    Assert.Contains(value, script, StringComparison.Ordinal);
                }
            }
        }

        foreach (string value in new[] { "page_poison", "init_on_free", "upstream", "v28", "pagecache", "hog", "zsh" })
        {
            Assert.Contains(value, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_zsh_script_is_an_autoloadable_completion_function()
    {
        (_, string script, _) = CliRunner.Run("completion", "zsh");

        Assert.StartsWith("#compdef balloonviz\n", script.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("compdef _balloonviz balloonviz", script, StringComparison.Ordinal);
        Assert.Contains("'--memory:Guest RAM", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fish_script_offers_the_fixed_values_of_an_option()
    {
        (_, string script, _) = CliRunner.Run("completion", "fish");

        Assert.Contains("complete -c balloonviz -n '__balloonviz_at \\'run\\'' -l poison -x -a 'init_on_free off page_poison'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shell_gets_one_line_and_exit_code_2()
    {
        (int exit, string output, string error) = CliRunner.Run("completion", "tcsh");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("balloonviz: completion takes bash, zsh or fish, not 'tcsh'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bash_script_passes_bash_syntax_check()
    {
        string bash = Bash() ?? string.Empty;
        Assert.SkipWhen(bash.Length == 0, "bash is not installed");

        string path = WriteScript();
        (int exit, string output) = RunBash(bash, "-n", path);

        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("balloonviz ''", "run migrate compare bench completion")]
    [InlineData("balloonviz run --poison ''", "init_on_free off page_poison")]
    [InlineData("balloonviz run --mem", "--memory")]
    [InlineData("balloonviz bench c", "core")]
    [InlineData("balloonviz bench core --", "--json --help")]
    [InlineData("balloonviz migrate --hint-design ''", "upstream v28")]
    [InlineData("balloonviz completion ''", "bash zsh fish")]
    public void Bash_completes_commands_options_and_values(string line, string expected)
    {
        string bash = Bash() ?? string.Empty;
        Assert.SkipWhen(bash.Length == 0, "bash is not installed");

        string path = WriteScript();
        (int exit, string output) = RunBash(bash, "-c", $"source {path}; COMP_WORDS=({line}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _balloonviz; echo \"${{COMPREPLY[*]}}\"");

        Assert.Equal(0, exit);
        foreach (string word in expected.Split(' '))
        {
            Assert.Contains(word, output.Split(' ', '\n'));
        }
    }

    private static string WriteScript()
    {
        string path = Path.Combine(Path.GetTempPath(), $"balloonviz-completion-{Guid.NewGuid():N}.bash");
        File.WriteAllText(path, CliRunner.Run("completion", "bash").Output);
        return path;
    }

    private static string? Bash() => new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output) RunBash(string bash, params string[] args)
    {
        var start = new ProcessStartInfo(bash) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
