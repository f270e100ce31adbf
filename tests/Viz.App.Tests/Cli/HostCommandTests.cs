using System.Text.Json;

namespace Viz.App.Tests.Cli;

/// <summary>balloonviz host: several guests on one host, headless; SPEC parsing and its messages; the JSON's figures agree.</summary>
public sealed class HostCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run([.. args, "--json"]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void The_hosts_memory_is_the_guests_rss_and_its_free_memory_and_its_swap_what_the_guests_have_there()
    {
        JsonElement run = Json("host", "--guest", "256MiB:hog:192MiB", "--guest", "256MiB:build", "--host-memory", "320MiB", "--duration", "8s");
        JsonElement host = run.GetProperty("host");
        JsonElement[] guests = [.. run.GetProperty("guests").EnumerateArray()];

        long[] rss = [.. host.GetProperty("guestRssBytes").EnumerateArray().Select(e => e.GetInt64())];
        Assert.Equal(host.GetProperty("capacityBytes").GetInt64(), rss.Sum() + host.GetProperty("freeBytes").GetInt64());
        Assert.Equal(guests.Select(g => g.GetProperty("hostRssBytes").GetInt64()), rss);
        Assert.Equal(host.GetProperty("swapUsedBytes").GetInt64(), guests.Sum(g => g.GetProperty("swappedPages").GetInt64()) * 4096);
        Assert.True(host.GetProperty("pagesSwappedOut").GetInt64() > 0);
        Assert.Equal(["guest1", "guest2"], guests.Select(g => g.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_guest_on_a_crowded_host_makes_less_progress_than_alone_and_says_by_how_much()
    {
        JsonElement run = Json("host", "--guest", "256MiB:build", "--guest", "256MiB:hog:224MiB@64MiB/s", "--host-memory", "256MiB", "--duration", "10s");
        JsonElement build = run.GetProperty("guests")[0];

        double done = build.GetProperty("workloadProgress").GetProperty("done").GetDouble();
        double alone = build.GetProperty("progressAlone").GetDouble();
        Assert.True(done < alone, $"{done} on the host, {alone} alone");
        Assert.Equal(1 - (done / alone), build.GetProperty("slowdown").GetDouble(), 9);
        Assert.True(build.GetProperty("swapStallMs").GetDouble() > 0);
    }

    [Fact]
    public void A_spec_overrides_the_commands_option_for_its_guest_only()
    {
        JsonElement run = Json("host", "--guest", "256MiB:idle,reporting=on,name=web", "--guest", "256MiB:idle", "--host-memory", "1GiB", "--duration", "1s", "--poison", "init_on_free");
        JsonElement[] guests = [.. run.GetProperty("guests").EnumerateArray()];

        Assert.Equal("web", guests[0].GetProperty("name").GetString());
        Assert.Contains("REPORTING", guests[0].GetProperty("negotiatedFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("REPORTING", guests[1].GetProperty("negotiatedFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.All(guests, g => Assert.Equal("initOnFree", g.GetProperty("poison").GetString()));
    }

    [Fact]
    public void A_host_smaller_than_the_guests_kernels_still_runs_and_says_so()
    {
        (int exit, string output, string error) = CliRunner.Run("host", "--guest", "512MiB:idle", "--guest", "512MiB:idle", "--host-memory", "8MiB", "--duration", "2s");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("note: the host's memory (8 MiB) is smaller than the guests' kernels", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1GiB", "--guest 1 ('1GiB'): write SIZE:WORKLOAD[,KEY=VALUE...]")]
    [InlineData("1xB:idle", "--guest 1 ('1xB:idle'): the size '1xB'")]
    [InlineData("32MiB:idle", "--guest 1 ('32MiB:idle'): the size must be between 64MiB and 1TiB")]
    [InlineData("70000001:idle", "--guest 1 ('70000001:idle'): the size must be a whole number of 4KiB pages, not 70000001")]
    [InlineData("1GiB:hog:3GiB", "--guest 1 ('1GiB:hog:3GiB'): the workload's size is larger than the guest")]
    [InlineData("1GiB:juggle", "--guest 1 ('1GiB:juggle'): the workload 'juggle'")]
    [InlineData("1GiB:idle,colour=red", "--guest 1 ('1GiB:idle,colour=red'): 'colour=red' is not KEY=VALUE with a key of name, reporting")]
    [InlineData("1GiB:idle,reporting=yes", "--guest 1 ('1GiB:idle,reporting=yes'): 'reporting=yes': write on or off")]
    [InlineData("1GiB:idle,poison=lots", "'poison=lots': write one of off, page_poison, init_on_free")]
    [InlineData("1GiB:idle,footprint=900MiB", "'footprint=900MiB': the footprint must be larger than zero and at most half the guest")]
    public void A_spec_that_does_not_parse_names_the_guest_and_the_part_that_is_wrong(string spec, string expected)
    {
        (int exit, _, string error) = CliRunner.Run("host", "--guest", "256MiB:idle", "--guest", spec, "--host-memory", "1GiB");

        Assert.Equal(2, exit);
        Assert.Contains(expected.Replace("--guest 1", "--guest 2", StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'), line => line.StartsWith("balloonviz:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_auto_policy_balloons_guests_on_a_host_under_pressure_and_says_how_often_it_set_a_target()
    {
        JsonElement run = Json("host", "--guest", "256MiB:pagecache:160MiB", "--guest", "256MiB:pagecache:160MiB", "--host-memory", "400MiB", "--duration", "60s", "--balloon-policy", "auto");
        JsonElement host = run.GetProperty("host");

        Assert.Equal("auto", host.GetProperty("balloonPolicy").GetString());
        Assert.True(host.GetProperty("balloonTargetsSet").GetInt32() > 0);
        Assert.All(run.GetProperty("guests").EnumerateArray(), g => Assert.True(g.GetProperty("pagesBallooned").GetInt64() > 0));
    }

    [Fact]
    public void An_unknown_balloon_policy_is_one_line_naming_the_choices()
    {
        (int exit, _, string error) = CliRunner.Run("host", "--guest", "256MiB:idle", "--host-memory", "1GiB", "--balloon-policy", "mom");

        Assert.Equal(2, exit);
        Assert.Contains("--balloon-policy", error, StringComparison.Ordinal);
        Assert.Contains("takes none or auto", error, StringComparison.Ordinal);
    }

    /// <summary>Free page reporting lets the host hold more guests of a workload that frees memory (a build's jobs exit).</summary>
    [Fact]
    public void With_reporting_more_guests_of_a_freeing_workload_fit()
    {
        int Fit(string reporting) => Json("host", "--fit", "512MiB:build", "--host-memory", "2GiB", "--duration", "20s", "--reporting", reporting)
            .GetProperty("fits")[0].GetProperty("guestsThatFit").GetInt32();

        int without = Fit("off");
        int with = Fit("on");
        Assert.True(without >= 1);
        Assert.True(with > without, $"{with} fit with reporting, {without} without");
    }

    [Fact]
    public void A_fit_names_the_guest_one_more_would_slow_by_more_than_five_percent()
    {
        JsonElement fit = Json("host", "--fit", "256MiB:build", "--host-memory", "1GiB", "--duration", "10s").GetProperty("fits")[0];

        Assert.True(fit.GetProperty("nextSlowdown").GetDouble() > 0.05);
        Assert.StartsWith("guest", fit.GetProperty("nextSlowestGuest").GetString(), StringComparison.Ordinal);
        Assert.Equal("reporting off, policy none", fit.GetProperty("features").GetString());
    }

    [Theory]
    [InlineData(new[] { "--host-memory", "1GiB" }, "give the guests with --guest SPEC (once per guest), or --fit SPEC")]
    [InlineData(new[] { "--host-memory", "1GiB", "--guest", "256MiB:idle", "--fit", "256MiB:idle" }, "--fit counts guests of one SPEC; give it without --guest")]
    [InlineData(new[] { "--host-memory", "1GiB", "--guest", "256MiB:idle", "--fit-compare" }, "--fit-compare goes with --fit SPEC")]
    [InlineData(new[] { "--host-memory", "1GiB", "--fit", "256MiB:idle", "--migrate-away", "1" }, "--migrate-away and --series go with --guest")]
    [InlineData(new[] { "--host-memory", "1GiB", "--fit", "256MiB:idle,colour=red" }, "--fit ('256MiB:idle,colour=red'): 'colour=red' is not KEY=VALUE")]
    public void Fit_usage_errors_are_one_line(string[] args, string expected)
    {
        (int exit, _, string error) = CliRunner.Run(["host", .. args]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_migrated_away_leaves_the_host_and_its_migration_is_reported()
    {
        JsonElement run = Json(
            "host", "--guest", "256MiB:hog:192MiB", "--guest", "256MiB:hog:192MiB,name=big", "--host-memory", "320MiB",
            "--duration", "12s", "--migrate-away", "big", "--migrate-at", "6s");
        JsonElement big = run.GetProperty("guests")[1].GetProperty("migratedAway");

        Assert.Equal("completed", big.GetProperty("outcome").GetString());
        Assert.True(big.GetProperty("verified").GetBoolean());
        Assert.True(big.GetProperty("leftHostAtMs").GetDouble() >= 6000);
        Assert.Equal(0, run.GetProperty("host").GetProperty("guestRssBytes")[1].GetInt64());
    }

    [Theory]
    [InlineData(new[] { "--migrate-away", "web" }, "--migrate-away: no guest 'web'; the guests are guest1 (or 1 to 1)")]
    [InlineData(new[] { "--migrate-away", "2" }, "--migrate-away: no guest '2'")]
    [InlineData(new[] { "--migrate-at", "5s" }, "--migrate-at goes with --migrate-away GUEST")]
    [InlineData(new[] { "--migrate-away", "1", "--migrate-at", "90s" }, "--migrate-at 90 s is not before the run ends (--duration 60 s)")]
    public void A_migration_away_that_names_no_guest_is_one_line(string[] args, string expected)
    {
        (int exit, _, string error) = CliRunner.Run(["host", "--guest", "256MiB:idle", "--host-memory", "1GiB", .. args]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--guest", "256MiB:idle", "--guest", "256MiB:idle" }, "several --guest on one host need --host-memory SIZE")]
    [InlineData(new[] { "--guest", "256MiB:idle", "--guest", "256MiB:nap", "--host-memory", "1GiB" }, "--guest 2 ('256MiB:nap'): the workload 'nap'")]
    [InlineData(new[] { "--swap", "1GiB" }, "--swap, --swap-rate and --balloon-policy are for several guests on one host")]
    public void The_visualizer_with_several_guests_checks_them_before_it_opens(string[] args, string expected)
    {
        (int exit, _, string error) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_gives_one_row_a_simulated_second_with_each_guests_rss()
    {
        (int exit, string output, _) = CliRunner.Run("host", "--guest", "256MiB:hog:200MiB", "--guest", "256MiB:idle,name=quiet", "--host-memory", "320MiB", "--duration", "3s", "--series");
        JsonElement json = Json("host", "--guest", "256MiB:hog:200MiB", "--guest", "256MiB:idle,name=quiet", "--host-memory", "320MiB", "--duration", "3s", "--series");

        Assert.Equal(0, exit);
        Assert.Contains("out/s", output, StringComparison.Ordinal);
        Assert.Contains("quiet", output, StringComparison.Ordinal);
        Assert.Equal(4, json.GetProperty("series").GetArrayLength());
        Assert.Equal(2, json.GetProperty("series")[3].GetProperty("guestRssBytes").GetArrayLength());
    }

    /// <summary>The swap device is shared: a slower one stalls the guests longer.</summary>
    [Fact]
    public void A_slower_swap_device_stalls_the_guests_longer()
    {
        double Stall(string rate) => Json("host", "--guest", "256MiB:build", "--guest", "256MiB:hog:224MiB@64MiB/s", "--host-memory", "256MiB", "--duration", "6s", "--swap-rate", rate)
            .GetProperty("host").GetProperty("swapStallMs").GetDouble();

        Assert.True(Stall("50MiB/s") > 2 * Stall("2GiB/s"));
    }

    [Fact]
    public void The_same_command_gives_the_same_numbers()
    {
        string[] args = ["host", "--guest", "256MiB:build", "--guest", "256MiB:hog:200MiB", "--host-memory", "300MiB", "--duration", "4s", "--seed", "7"];
        Assert.Equal(Json(args).GetRawText(), Json(args).GetRawText());
    }
}
