using System.Text.Json;

namespace Viz.App.Tests.Cli;

public class RunCommandTests
{
    [Fact]
    public void Run_json_prints_one_object_with_the_final_figures()
    {
        (int exit, string output, string error) = CliRunner.Run("run", "--memory", "512MiB", "--workload", "hog:128MiB", "--duration", "2s", "--json");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        foreach (string field in new[] { "hostRssBytes", "pagesFree", "pagesAllocated", "pagesReported", "pagesHinted", "pagesBallooned", "refaults", "poisonErrors", "workloadProgress" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal(2.0, root.GetProperty("t").GetDouble());
        Assert.Equal(512L << 20, root.GetProperty("memoryBytes").GetInt64());
        Assert.True(root.GetProperty("hostRssBytes").GetInt64() >= 128L << 20);
        Assert.Equal("hog:128MiB", root.GetProperty("workloadProgress").GetProperty("workload").GetString());
        Assert.False(root.TryGetProperty("series", out _));
    }

    [Fact]
    public void Series_has_one_sample_per_simulated_second_from_boot()
    {
        (int exit, string output, _) = CliRunner.Run("run", "--memory", "256MiB", "--duration", "5s", "--series", "--json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement series = json.RootElement.GetProperty("series");
        Assert.Equal(6, series.GetArrayLength());
        Assert.Equal([0.0, 1, 2, 3, 4, 5], series.EnumerateArray().Select(s => s.GetProperty("t").GetDouble()));
        Assert.True(series[5].TryGetProperty("hostRssBytes", out _));
    }

    [Fact]
    public void Run_without_json_prints_a_readable_table()
    {
        (int exit, string output, _) = CliRunner.Run("run", "--memory", "256MiB", "--duration", "1s", "--poison", "page_poison");
        Assert.Equal(0, exit);
        Assert.Contains("host RSS", output, StringComparison.Ordinal);
        Assert.Contains("poison errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_without_json_prints_the_samples_as_aligned_columns_after_the_final_figures()
    {
        (int exit, string output, string error) = CliRunner.Run("run", "--memory", "256MiB", "--workload", "hog:64MiB", "--duration", "5s", "--series");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        string[] blocks = output.Split("\n\n");
        Assert.Equal(2, blocks.Length);
        Assert.Contains("host RSS", blocks[0], StringComparison.Ordinal);
        string[] lines = blocks[1].TrimEnd('\n').Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.Matches(@"^time +host RSS +free +allocated +page cache +reported +hinted +ballooned +poisoned +in host swap$", lines[0]);
        Assert.Equal(["0 s", "1 s", "2 s", "3 s", "4 s", "5 s"], lines[1..].Select(line => line[.."time".Length].Trim()));

        // Right-aligned: every value ends where its column's name ends.
        int[] columnEnds = [.. System.Text.RegularExpressions.Regex.Matches(lines[0], @"\S+( \S+)*").Select(m => m.Index + m.Length)];
        Assert.All(lines[1..], line =>
        {
            Assert.Equal(lines[0].Length, line.Length);
            Assert.All(columnEnds, end => Assert.True(line[end - 1] != ' ' && (end == line.Length || line[end] == ' '), line));
            Assert.Matches(@"\d (B|KiB|MiB|GiB)$", line);
        });
    }

    [Fact]
    public void The_same_seed_gives_the_same_output()
    {
        string[] args = ["run", "--memory", "256MiB", "--workload", "build", "--duration", "3s", "--seed", "9", "--json"];
        Assert.Equal(CliRunner.Run(args).Output, CliRunner.Run(args).Output);
    }

    [Theory]
    [InlineData("--memory", "8XB", "is not a size")]
    [InlineData("--memory", "32MiB", "between 64MiB and 1TiB")]
    [InlineData("--memory", "2TiB", "between 64MiB and 1TiB")]
    [InlineData("--memory", "100000001", "whole number of 4KiB pages")]
    [InlineData("--workload", "compile", "unknown workload")]
    [InlineData("--duration", "forever", "is not a duration")]
    [InlineData("--duration", "0s", "longer than zero")]
    [InlineData("--poison", "maybe", "off, page_poison or init_on_free")]
    [InlineData("--init-on-alloc", "yes", "on or off")]
    [InlineData("--seed", "-3", "--seed")]
    public void Bad_input_gets_one_clear_message_and_exit_code_2(string option, string value, string message)
    {
        (int exit, string output, string error) = CliRunner.Run("run", option, value);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("balloonviz: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_bad_input()
    {
        (int exit, _, string error) = CliRunner.Run("explode");
        Assert.Equal(2, exit);
        Assert.StartsWith("balloonviz: ", error, StringComparison.Ordinal);
    }
}
