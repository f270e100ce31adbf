using System.CommandLine;
using System.Diagnostics;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>`balloonviz man`: the balloonviz(1) page, written from the command definitions.</summary>
public class ManCommandTests
{
    [Fact]
    public void The_page_has_the_sections_of_a_man_page()
    {
        (int exit, string page, string error) = CliRunner.Run("man");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.StartsWith(".TH BALLOONVIZ 1 ", page, StringComparison.Ordinal);
        foreach (string section in new[] { ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS", ".SH OPTIONS", ".SH EXIT STATUS", ".SH FILES", ".SH EXAMPLES" })
        {
            Assert.Contains(section + "\n", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        foreach (string status in new[] { ".B 0\n", ".B 2\n", ".B 70\n" })
        {
            Assert.Contains(status, page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        Assert.Contains(@"$XDG_CONFIG_HOME/balloonviz/config.toml", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_names_every_command_and_option_with_its_default_as_typed()
    {
        (_, string page, _) = CliRunner.Run("man");

        foreach (CommandEntry entry in CommandTree.Commands(BalloonvizCli.Build()))
        {
            Assert.Contains($".B {entry.Usage}", page, StringComparison.Ordinal);
            if (entry.Options.Any(o => !o.Recursive))
            {
                Assert.Contains($".SS \"{entry.Usage}\"", page, StringComparison.Ordinal);
            }

            foreach (Option option in entry.Options)
            {
                Assert.Contains($@"\fB{option.Name.Replace("-", @"\-", StringComparison.Ordinal)}\fR", page, StringComparison.Ordinal);
            }
        }

        Assert.Contains(@"\fB\-\-memory\fR \fISIZE\fR", page, StringComparison.Ordinal);
        Assert.Contains("Default: 8GiB.", page, StringComparison.Ordinal);
        Assert.Contains(@"Default: 100GiB/s.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("8589934592", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groff_renders_the_page_without_warnings()
    {
        string groff = new[] { "/usr/bin/groff", "/bin/groff" }.FirstOrDefault(File.Exists) ?? string.Empty;
        Assert.SkipWhen(groff.Length == 0, "groff is not installed");
        var start = new ProcessStartInfo(groff, "-man -Tutf8 -ww") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };

        using Process process = Process.Start(start)!;
        process.StandardInput.Write(CliRunner.Run("man").Output);
        process.StandardInput.Close();
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> rendered = process.StandardOutput.ReadToEndAsync(cancel);
        string warnings = await process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, warnings);
        string text = System.Text.RegularExpressions.Regex.Replace(await rendered, ".\b", string.Empty);
        Assert.Contains("balloonviz migrate", text, StringComparison.Ordinal);
        Assert.Contains("EXIT STATUS", text, StringComparison.Ordinal);
    }
}
