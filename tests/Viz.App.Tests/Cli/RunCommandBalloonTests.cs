using System.Text.Json.Nodes;
using Viz.App.Cli;
using Viz.App.Common;

namespace Viz.App.Tests.Cli;

/// <summary>`balloonviz run` with the balloon device and host flags.</summary>
public sealed class RunCommandBalloonTests
{
    private static readonly string[] RequiredFields =
    [
        "hostRssBytes", "pagesFree", "pagesAllocated", "pagesReported", "pagesHinted", "pagesBallooned", "discards",
        "refaults", "swapOutPages", "swapInPages", "poisonErrors", "negotiatedFeatures", "workloadProgress",
    ];

    [Fact]
    public void Json_has_every_field_the_issue_asks_for_in_the_result_and_in_each_sample()
    {
        JsonObject json = RunJson("--memory", "256MiB", "--duration", "3s", "--reporting", "on", "--series");

        Assert.All(RequiredFields, field => Assert.True(json.ContainsKey(field), field));
        JsonArray series = json["series"]!.AsArray();
        Assert.Equal(4, series.Count);
        Assert.All(series, sample => Assert.All(RequiredFields, field => Assert.True(sample!.AsObject().ContainsKey(field), field)));
    }

    [Fact]
    public void Reporting_on_negotiates_REPORTING_and_the_host_discards_the_freed_hog()
    {
        JsonObject off = RunJson("--memory", "512MiB", "--workload", "hog:256MiB", "--duration", "40s");
        JsonObject on = RunJson("--memory", "512MiB", "--workload", "hog:256MiB", "--duration", "40s", "--reporting", "on");

        Assert.Contains("REPORTING", Features(on));
        Assert.DoesNotContain("REPORTING", Features(off));
        Assert.True((long)on["discards"]! > 0);
        Assert.True((long)on["hostRssBytes"]! < (long)off["hostRssBytes"]! - (200L << 20));
    }

    [Fact]
    public void A_poisoning_guest_without_the_page_poison_feature_does_not_negotiate_reporting()
    {
        JsonObject json = RunJson("--memory", "256MiB", "--duration", "1s", "--poison", "page_poison", "--reporting", "on", "--page-poison-feature", "off");

        Assert.DoesNotContain("REPORTING", Features(json));
        Assert.DoesNotContain("PAGE_POISON", Features(json));
    }

    [Fact]
    public void The_unsafe_discard_shows_poison_errors_and_the_safe_run_none()
    {
        string[] args = ["--memory", "512MiB", "--poison", "page_poison", "--reporting", "on", "--workload", "hog:400MiB@50MiB/s", "--duration", "20s"];

        JsonObject safe = RunJson(args);
        JsonObject unsafeRun = RunJson([.. args, "--unsafe-discard"]);

        Assert.Equal(0, (long)safe["poisonErrors"]!);
        Assert.True((long)unsafeRun["poisonErrors"]! > 0);
    }

    [Fact]
    public void The_balloon_shows_as_ballooned_pages_and_offered_hinting_hints_nothing_without_a_migration()
    {
        JsonObject json = RunJson("--memory", "512MiB", "--duration", "2s", "--balloon", "64MiB", "--hinting", "on");

        Assert.Equal(16384, (long)json["pagesBallooned"]!);
        Assert.Contains("FREE_PAGE_HINT", Features(json));

        // QEMU asks for hints only from a migration's precopy notifier; run starts no migration.
        Assert.Equal(0, (long)json["pagesHinted"]!);
    }

    [Fact]
    public void An_overcommitted_host_swaps()
    {
        JsonObject json = RunJson("--memory", "256MiB", "--duration", "1s", "--poison", "init_on_free", "--host-memory", "128MiB");

        Assert.True((long)json["swapOutPages"]! > 0);
    }

    [Theory]
    [InlineData("--reporting", "maybe")]
    [InlineData("--host-memory", "lots")]
    [InlineData("--balloon", "100GiB")]
    [InlineData("--host-memory", "0")]
    public void Bad_input_gets_one_line_and_exit_code_2(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = BalloonvizCli.Run(["run", "--duration", "1s", option, value], output, error, CliRunner.NoEnvironment);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("balloonviz: ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    private static string[] Features(JsonObject json) => json["negotiatedFeatures"]!.AsArray().Select(n => (string)n!).ToArray();

    private static JsonObject RunJson(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = BalloonvizCli.Run(["run", "--json", .. args], output, error, CliRunner.NoEnvironment);
        Assert.True(exit == 0, error.ToString());
        return JsonNode.Parse(output.ToString())!.AsObject();
    }

    [Fact]
    public void A_firecracker_style_hint_run_after_a_hog_freed_its_memory_cuts_host_rss()
    {
        JsonObject without = RunJson("--memory", "2GiB", "--workload", "hog:1GiB", "--duration", "8s", "--hinting", "on", "--hint-mode", "discard");
        JsonObject with = RunJson("--memory", "2GiB", "--workload", "hog:1GiB", "--duration", "8s", "--hinting", "on", "--hint-mode", "discard", "--hint-run", "ack", "--hint-run-at", "7s");

        Assert.True((long)with["hostRssBytes"]! < (long)without["hostRssBytes"]! - (512L << 20), $"host RSS {with["hostRssBytes"]} with a hint run, {without["hostRssBytes"]} without");
        Assert.Equal(0, (long)with["pagesHinted"]!);
        Assert.Equal(0, (long)with["hintRacePages"]!);
    }

    [Theory]
    [InlineData("--hint-run", "ack")]
    [InlineData("--hinting", "on", "--hint-run", "ack")]
    public void A_hint_run_needs_hinting_and_the_discard_mode(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(["run", "--duration", "1s", .. args]);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("--hint-run needs --hinting on and --hint-mode discard", error, StringComparison.Ordinal);
    }
}
