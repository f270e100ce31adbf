using System.Text.Json.Nodes;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli.Scenarios;

/// <summary>balloonviz play: every built-in tour passes its expectations; scenario files and their messages.</summary>
public sealed class PlayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("balloonviz-play-").FullName;

    public static TheoryData<string> TourNames => [.. Tours.Names];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_tours_the_issue_asks_for_ship()
    {
        Assert.Superset(new HashSet<string> { "headline", "side-by-side", "reporting", "poisoning", "init-on-alloc", "v28-poison", "deflate-on-oom", "overcommit" }, Tours.Names.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(TourNames))]
    public void Every_tour_plays_headless_with_its_expectations_passing(string tour)
    {
        (int exit, string output, string error) = CliRunner.Run("play", tour, "--json");

        Assert.True(exit == 0, output + error);
        JsonNode result = JsonNode.Parse(output)!;
        Assert.True((bool)result["passed"]!);
        Assert.True((int)result["expectations"]! > 0);
        Assert.Equal(0, (int)result["failed"]!);
    }

    [Fact]
    public void A_failing_expectation_prints_its_figure_and_exits_1()
    {
        string path = File("fails.yaml", """
            title: too hopeful
            options: { memory: 256MiB }
            steps:
              - at: 1s
                do: migrate
              - when: migration-completed
                expect: migration-ms < 1
            """);

        (int exit, string output, _) = CliRunner.Run("play", path);

        Assert.Equal(1, exit);
        Assert.Contains("expect migration-ms < 1: ", output, StringComparison.Ordinal);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: [unclosed", ":2: not YAML")]
    [InlineData("- a list", ":1: a scenario is one YAML mapping")]
    [InlineData("title: t\nsteps: []\nwhat: 1", ":3: a scenario has no key 'what'")]
    [InlineData("steps: []", ":1: a scenario needs a title")]
    [InlineData("title: t", ":1: a scenario needs steps")]
    [InlineData("title: t\noptions: { memory: 3x }\nsteps: []", ":2: ")]
    [InlineData("title: t\noptions: { colour: blue }\nsteps: []", ":2: no option 'colour'")]
    [InlineData("title: t\nsteps:\n  - at: 1s\n    when: migration-completed", ":3: a step has one of at, after and when, not at and when")]
    [InlineData("title: t\nsteps:\n  - at: soon", ":3: at: ")]
    [InlineData("title: t\nsteps:\n  - at: 1s\n    do: fly", ":4: no command 'fly'")]
    [InlineData("title: t\nsteps:\n  - at: 1s\n    do: hinting maybe", ":4: hinting takes on or off, not 'maybe'")]
    [InlineData("title: t\nsteps:\n  - at: 1s\n    expect: rss < 1GiB", ":4: expect: no figure 'rss'")]
    [InlineData("title: t\nsteps:\n  - when: the moon is full", ":3: when: 'the moon is full' is no condition")]
    [InlineData("title: t\nsteps:\n  - at: 1s\n    colour: red", ":4: a step has no key 'colour'")]
    [InlineData("title: t\nversus: memory=4GiB\nsteps: []", ":2: --versus 'memory=4GiB': memory makes another guest")]
    [InlineData("title: t\nversus: hinting\nsteps: []", ":2: --versus 'hinting': write OPTION=VALUE")]
    [InlineData("title: t\nguests: [1GiB:idle, 1GiB:idle]\nsteps: []", ":2: guests share a host: give its memory in options")]
    [InlineData("title: t\noptions: { host-memory: 2GiB }\nguests: [1GiB:idle]\nsteps: []", ":3: guests: give two or more")]
    [InlineData("title: t\noptions: { host-memory: 2GiB }\nguests: [1GiB:idle, 1GiB:idle]\nsteps:\n  - do: \"nobody: migrate\"", ":5: no guest 'nobody'; the guests are guest1, guest2")]
    [InlineData("title: t\noptions: { host-memory: 2GiB }\nguests: [1GiB:idle, 1GiB:idle]\nsteps:\n  - do: restart", ":5: restart is for one guest")]
    public void A_malformed_scenario_file_is_one_message_naming_the_file_and_the_line(string text, string message)
    {
        string path = File("bad.yaml", text);

        (int exit, string output, string error) = CliRunner.Run("play", path);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"balloonviz: {path}{message}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_tour_that_does_not_exist_names_the_tours()
    {
        (int exit, _, string error) = CliRunner.Run("play", "nope");

        Assert.Equal(2, exit);
        Assert.Contains("no tour 'nope'; the tours are ", error, StringComparison.Ordinal);
        Assert.Contains("headline", error, StringComparison.Ordinal);
    }
}
