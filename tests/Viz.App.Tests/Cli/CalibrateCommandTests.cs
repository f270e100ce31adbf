using System.Globalization;
using System.Text.Json;

namespace Viz.App.Tests.Cli;

/// <summary>
/// calibrate: a cost profile fitted to query-migrate replies of completed migrations, each run's residual printed, the
/// profile written for --costs; a reply or a fit it cannot use is refused with one line saying why.
/// </summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("balloonviz-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Two_runs_with_different_shares_of_zero_pages_fit_both_page_costs_and_the_profile_reproduces_them()
    {
        // Made with known costs: 700 ns a zero page, 2500 ns a normal page, 15 ms switchover (the profile's).
        string idle = Reply("idle", zero: 4_000_000, normal: 20_000, setupMs: 6, totalMs: 6 + 15 + ((4_000_000 * 700.0) + (20_000 * 2500.0)) / 1e6);
        string busy = Reply("busy", zero: 1_000_000, normal: 900_000, setupMs: 7, totalMs: 7 + 15 + ((1_000_000 * 700.0) + (900_000 * 2500.0)) / 1e6, whole: false);
        string profile = Path.Combine(_folder, "host.json");

        (int exit, string output, string error) = CliRunner.Run("calibrate", idle, busy, "-o", profile);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("zeroPageNs    700 ns (fitted)", output, StringComparison.Ordinal);
        Assert.Contains("normalPageNs  2500 ns (fitted)", output, StringComparison.Ordinal);
        Assert.Contains("0.0%", output, StringComparison.Ordinal);
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(profile));
        Assert.Equal(700, written.RootElement.GetProperty("zeroPageNs").GetDouble(), 1);
        Assert.Equal(2500, written.RootElement.GetProperty("normalPageNs").GetDouble(), 1);

        // An idle 8 GiB guest is almost all zero pages: 80 ns less each outweighs 500 ns more for its ~130,000 full ones.
        (int compareExit, string compared, _) = CliRunner.Run("compare", "--costs", profile, "--json");
        (_, string defaults, _) = CliRunner.Run("compare", "--json");
        Assert.Equal(0, compareExit);
        Assert.True(LegacyMs(compared) < LegacyMs(defaults) - 50, $"legacy {LegacyMs(compared)} ms with the fitted profile, {LegacyMs(defaults)} ms with the default");
    }

    [Fact]
    public void One_run_fits_the_zero_page_cost_and_keeps_the_normal_pages()
    {
        string idle = Reply("idle", zero: 4_198_330, normal: 20_000, setupMs: 6, totalMs: 3064);

        (int exit, string output, _) = CliRunner.Run("calibrate", idle);

        Assert.Equal(0, exit);
        Assert.Contains("zeroPageNs    715.3 ns (fitted)", output, StringComparison.Ordinal);
        Assert.Contains("normalPageNs  2000 ns (kept", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"status\": \"active\", \"total-time\": 10, \"ram\": {}}", "status is active, not completed")]
    [InlineData("{\"status\": \"completed\", \"setup-time\": 1, \"downtime\": 1, \"total-time\": 100}", "ram is missing")]
    [InlineData("{\"status\": \"completed\", \"setup-time\": 1, \"downtime\": 1, \"total-time\": 100, \"ram\": {\"total\": 1, \"duplicate\": \"many\", \"normal\": 1, \"dirty-sync-count\": 1}}", "ram.duplicate must be a number")]
    [InlineData("{\"status\": \"completed\", \"setup-time\": 1, \"downtime\": 1, \"total-time\": 100, \"ram\": {\"total\": 1, \"duplicate\": 0, \"normal\": 0, \"dirty-sync-count\": 1}}", "sent no pages")]
    [InlineData("{\"status\": \"completed\", \"setup-time\": 1, \"downtime\": 1, \"total-time\": 10, \"ram\": {\"total\": 1, \"duplicate\": 100, \"normal\": 10000000, \"dirty-sync-count\": 1}}", "nothing after setup-time")]
    [InlineData("{\"status\": \"completed\", \"setup-time\": 1, \"downtime\": 1, \"total-time\": 30, \"ram\": {\"total\": 1, \"duplicate\": 100, \"normal\": 1000000, \"dirty-sync-count\": 1}}", "less time than its normal pages cost")]
    [InlineData("not json", "not valid JSON")]
    public void A_reply_or_fit_it_cannot_use_is_one_line_naming_the_file(string json, string expected)
    {
        string path = Path.Combine(_folder, "reply.json");
        File.WriteAllText(path, json);

        (int exit, string output, string error) = CliRunner.Run("calibrate", path);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_no_pair_of_costs_explains_are_refused()
    {
        // The same guest twice, once fast and once three times as slow (throttled, or a busy host): one zero-page cost
        // cannot give both.
        string fast = Reply("fast", zero: 1_000_000, normal: 100_000, setupMs: 5, totalMs: 1000);
        string throttled = Reply("throttled", zero: 1_000_000, normal: 100_000, setupMs: 5, totalMs: 3000);

        (int exit, _, string error) = CliRunner.Run("calibrate", fast, throttled);

        Assert.Equal(2, exit);
        Assert.Contains("no pair of page costs explains every run", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"zeroPageNs\": -1}", "zeroPageNs must be a positive number")]
    [InlineData("{\"zeroPage\": 1}", "zeroPage is not a cost")]
    [InlineData("[1]", "a cost profile is a JSON object")]
    [InlineData("{\"clearBitmapShift\": 5}", "clearBitmapShift must be a whole number from 6 to 31")]
    [InlineData("{\"clearBitmapShift\": 12.5}", "clearBitmapShift must be a whole number from 6 to 31")]
    public void A_profile_it_cannot_use_is_one_line_naming_the_file_and_the_field(string json, string expected)
    {
        string path = Path.Combine(_folder, "profile.json");
        File.WriteAllText(path, json);

        (int exit, _, string error) = CliRunner.Run("migrate", "--memory", "256MiB", "--costs", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: {expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_proc_meminfo_gives_the_footprint()
    {
        string meminfo = Path.Combine(_folder, "meminfo");
        File.WriteAllText(meminfo, "MemTotal:        2000000 kB\nMemFree:         1500000 kB\nBuffers:           1000 kB\n");

        (int exit, string output, _) = CliRunner.Run("run", "--memory", "4GiB", "--duration", "1s", "--meminfo", meminfo, "--json");
        (_, string given, _) = CliRunner.Run("run", "--memory", "4GiB", "--duration", "1s", "--footprint", "500000KiB", "--json");

        Assert.Equal(0, exit);
        using JsonDocument fromFile = JsonDocument.Parse(output);
        using JsonDocument fromOption = JsonDocument.Parse(given);
        Assert.Equal(fromOption.RootElement.GetProperty("pagesAllocated").GetInt64(), fromFile.RootElement.GetProperty("pagesAllocated").GetInt64());
    }

    [Theory]
    [InlineData("MemFree: 10 kB\n", "no MemTotal line")]
    [InlineData("MemTotal: 10 kB\nMemFree: 20 kB\n", "MemFree (20 kB) is larger than MemTotal (10 kB)")]
    public void A_meminfo_file_it_cannot_use_is_one_line_naming_it(string text, string expected)
    {
        string meminfo = Path.Combine(_folder, "meminfo");
        File.WriteAllText(meminfo, text);

        (int exit, _, string error) = CliRunner.Run("run", "--meminfo", meminfo);

        Assert.Equal(2, exit);
        Assert.Contains($"{meminfo}: {expected}", error, StringComparison.Ordinal);
    }

    /// <summary>A profile's clearBitmapShift and --clear-bitmap-shift choose lazy log clearing; the option wins, eager turns it off.</summary>
    [Fact]
    public void Lazy_log_clearing_comes_from_the_profile_or_the_option_and_the_option_wins()
    {
        string path = Path.Combine(_folder, "lazy.json");
        File.WriteAllText(path, "{\"clearBitmapShift\": 6}");
        string[] guest = ["compare", "--memory", "256MiB", "--init-on-alloc", "on", "--json"];

        (int exit, string eager, _) = CliRunner.Run(guest);
        (_, string fromProfile, _) = CliRunner.Run([.. guest, "--costs", path]);
        (_, string fromOption, _) = CliRunner.Run([.. guest, "--clear-bitmap-shift", "6"]);
        (_, string overridden, _) = CliRunner.Run([.. guest, "--costs", path, "--clear-bitmap-shift", "eager"]);

        Assert.Equal(0, exit);
        Assert.Equal(HintingMs(fromProfile), HintingMs(fromOption));
        Assert.Equal(HintingMs(eager), HintingMs(overridden));
        Assert.True(HintingMs(fromProfile) < HintingMs(eager));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("32")]
    [InlineData("lazy")]
    public void A_clear_bitmap_shift_outside_qemus_range_is_one_line(string value)
    {
        (int exit, _, string error) = CliRunner.Run("compare", "--clear-bitmap-shift", value);

        Assert.Equal(2, exit);
        Assert.Contains($"--clear-bitmap-shift: '{value}' is not eager or a whole number from 6 to 31", error, StringComparison.Ordinal);
    }

    private static double HintingMs(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("hinting").GetProperty("totalTimeMs").GetDouble();
    }

    private static double LegacyMs(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("legacy").GetProperty("totalTimeMs").GetDouble();
    }

    private string Reply(string name, long zero, long normal, double setupMs, double totalMs, bool whole = true)
    {
        string info = string.Create(CultureInfo.InvariantCulture, $"{{\"status\": \"completed\", \"setup-time\": {setupMs}, \"downtime\": 20, \"total-time\": {totalMs}, \"ram\": {{\"total\": 17179869184, \"duplicate\": {zero}, \"normal\": {normal}, \"dirty-sync-count\": 3}}}}");
        string path = Path.Combine(_folder, name + ".json");
        File.WriteAllText(path, whole ? $"{{\"return\": {info}}}" : info);
        return path;
    }
}
