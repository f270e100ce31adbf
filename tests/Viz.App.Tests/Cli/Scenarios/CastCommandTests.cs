using System.Text.Json;
using Viz.App.Tui;

namespace Viz.App.Tests.Cli.Scenarios;

/// <summary>balloonviz cast: an asciicast v2 recording of the visualizer's own screen.</summary>
public sealed class CastCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("balloonviz-cast-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_tour_becomes_a_header_line_and_timed_output_events_of_the_real_screen()
    {
        string path = Path.Combine(_dir, "headline.cast");

        (int exit, string output, string error) = CliRunner.Run("cast", "headline", "-o", path, "--size", "100x30");

        Assert.True(exit == 0, error);
        Assert.Empty(output);
        string[] lines = File.ReadAllLines(path);
        JsonElement header = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(2, header.GetProperty("version").GetInt32());
        Assert.Equal(100, header.GetProperty("width").GetInt32());
        Assert.Equal(30, header.GetProperty("height").GetInt32());
        double last = -1;
        string screen = string.Empty;
        foreach (string line in lines.Skip(1))
        {
            JsonElement[] e = [.. JsonDocument.Parse(line).RootElement.EnumerateArray()];
            Assert.Equal(3, e.Length);
            Assert.True(e[0].GetDouble() >= last);
            last = e[0].GetDouble();
            Assert.Equal("o", e[1].GetString());
            screen += e[2].GetString();
        }

        Assert.True(lines.Length > 20);
        Assert.InRange(last, 10, 120);
        Assert.Contains("Legacy migration", screen, StringComparison.Ordinal);
        Assert.Contains("Every page was read and sent", screen, StringComparison.Ordinal);
        Assert.Contains("8 GiB guest", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_rows_that_changed_are_sent_each_in_its_own_colours()
    {
        using var text = new StringWriter();
        var writer = new AsciicastWriter(text, 10, 3, "t");

        writer.Screen(0, "\u001b[31maaa\nbbb\nccc\n");
        writer.Screen(0.1, "\u001b[31maaa\nbXb\nccc\n");
        writer.Screen(0.2, "\u001b[31maaa\nbXb\nccc\n");

        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        string second = JsonDocument.Parse(lines[2]).RootElement[2].GetString()!;
        Assert.Equal("\u001b[2;1H\u001b[0m\u001b[31mbXb", second);
        Assert.Equal(2, writer.Events);
    }

    [Theory]
    [InlineData(new[] { "cast", "headline" }, "Option '--output' is required")]
    [InlineData(new[] { "cast", "headline", "-o", "x.txt" }, "must end in .cast")]
    [InlineData(new[] { "cast", "headline", "-o", "x.cast", "--size", "20x5" }, "--size '20x5': write it as COLSxROWS")]
    [InlineData(new[] { "cast", "nope", "-o", "x.cast" }, "no tour 'nope'")]
    public void Bad_input_is_one_message(string[] args, string message)
    {
        (int exit, _, string error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
