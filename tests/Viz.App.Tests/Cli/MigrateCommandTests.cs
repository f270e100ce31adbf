using System.Text.Json;

namespace Viz.App.Tests.Cli;

public class MigrateCommandTests
{
    /// <summary>A guest that dirties memory faster than the stream sends it: the migration gives up after 2 rounds.</summary>
    internal static readonly string[] NotConverging =
        ["migrate", "--memory", "256MiB", "--workload", "build@512MiB/s", "--bandwidth", "32MiB/s", "--max-rounds", "2", "--start-after", "1s"];

    [Fact]
    public void Migrate_json_has_the_result_fields_and_is_verified()
    {
        (int exit, string output, string error) = CliRunner.Run("migrate", "--memory", "256MiB", "--workload", "build", "--start-after", "1s", "--json");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        foreach (string field in new[] { "totalTimeMs", "downtimeMs", "rounds", "bytesTransferred", "pagesNormal", "pagesZero", "pagesSkippedByHint", "verified", "mismatchedPages", "dirtyPagesPerRound" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal(0, root.GetProperty("mismatchedPages").GetInt64());
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.Equal(0, root.GetProperty("pagesSkippedByHint").GetInt64());
        Assert.True(root.GetProperty("downtimeMs").GetDouble() > 0);
    }

    [Fact]
    public void Migrate_with_hinting_skips_pages()
    {
        (int exit, string output, _) = CliRunner.Run("migrate", "--memory", "512MiB", "--hinting", "on", "--json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("hinting").GetBoolean());
        Assert.True(json.RootElement.GetProperty("pagesSkippedByHint").GetInt64() > 0);
    }

    [Fact]
    public void Migrate_without_json_prints_a_table()
    {
        (int exit, string output, _) = CliRunner.Run("migrate", "--memory", "256MiB", "--bandwidth", "128MiB/s", "--downtime-limit", "2s");
        Assert.Equal(0, exit);
        Assert.Contains("total time", output, StringComparison.Ordinal);
        Assert.Contains("yes, no page lost", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_that_cannot_converge_says_so_and_has_no_downtime()
    {
        (int exit, string output, _) = CliRunner.Run([.. NotConverging, "--json"]);
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("notConverged", json.RootElement.GetProperty("outcome").GetString());
        Assert.False(json.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("downtimeMs").ValueKind);
    }

    [Fact]
    public void The_table_shows_a_dash_for_the_downtime_of_a_migration_that_did_not_converge()
    {
        (int exit, string output, _) = CliRunner.Run(NotConverging);
        Assert.Equal(0, exit);
        string downtime = output.Split('\n').Single(line => line.StartsWith("downtime", StringComparison.Ordinal));
        Assert.Equal("—", downtime["downtime".Length..].Trim());
    }

    [Fact]
    public void Compare_prints_both_runs_and_their_ratios()
    {
        (int exit, string output, _) = CliRunner.Run("compare", "--memory", "1GiB", "--json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.False(root.GetProperty("legacy").GetProperty("hinting").GetBoolean());
        Assert.True(root.GetProperty("hinting").GetProperty("hinting").GetBoolean());
        double ratio = root.GetProperty("timeRatio").GetDouble();
        Assert.Equal(root.GetProperty("hinting").GetProperty("totalTimeMs").GetDouble() / root.GetProperty("legacy").GetProperty("totalTimeMs").GetDouble(), ratio, 6);
        Assert.InRange(ratio, 0.05, 0.6);
        Assert.True(root.TryGetProperty("bytesRatio", out _));
    }

    [Fact]
    public void Compare_has_no_hinting_option()
    {
        (int exit, _, string error) = CliRunner.Run("compare", "--hinting", "on");
        Assert.Equal(2, exit);
        Assert.StartsWith("balloonviz: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bandwidth", "fast", "--bandwidth")]
    [InlineData("--bandwidth", "0", "more than zero")]
    [InlineData("--downtime-limit", "soon", "--downtime-limit")]
    [InlineData("--downtime-limit", "0", "more than zero")]
    [InlineData("--start-after", "later", "--start-after")]
    [InlineData("--max-rounds", "0", "a whole number from 1 to 1000")]
    [InlineData("--hinting", "maybe", "on or off")]
    public void Bad_migration_input_gets_one_clear_message(string option, string value, string message)
    {
        (int exit, string output, string error) = CliRunner.Run("migrate", option, value);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error.Split('\n')[0], StringComparison.Ordinal);
    }
}

public class PingPongCommandTests
{
    [Fact]
    public void Ping_pong_reports_migrations_and_work_against_the_same_guest_not_migrating()
    {
        (int exit, string output, _) = CliRunner.Run("migrate", "--memory", "256MiB", "--workload", "build", "--start-after", "1s", "--ping-pong", "3s", "--json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("migrations").GetInt32() >= 3);
        Assert.Equal(0, root.GetProperty("mismatchedPages").GetInt64());
        double work = root.GetProperty("workDone").GetDouble();
        double alone = root.GetProperty("workDoneWithoutMigration").GetDouble();
        Assert.True(work < alone, "migrating costs the guest something");
        Assert.Equal(100 * (1 - (work / alone)), root.GetProperty("slowdownPercent").GetDouble(), 6);
    }

    [Fact]
    public void A_ping_pong_of_no_time_is_bad_input()
    {
        (int exit, _, string error) = CliRunner.Run("migrate", "--ping-pong", "0s");
        Assert.Equal(2, exit);
        Assert.Contains("--ping-pong", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_pong_until_done_reports_the_builds_completion_time_in_migrate_and_compare()
    {
        (int exit, string output, string error) = CliRunner.Run("migrate", "--memory", "512MiB", "--workload", "build,work=12s", "--ping-pong", "until-done", "--json");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        using (var json = System.Text.Json.JsonDocument.Parse(output))
        {
            double done = json.RootElement.GetProperty("workloadCompletedMs").GetDouble();
            double alone = json.RootElement.GetProperty("workloadCompletedWithoutMigrationMs").GetDouble();
            Assert.InRange(alone, 3000, 3200);
            Assert.True(done > alone);
            Assert.True(json.RootElement.GetProperty("migrations").GetInt32() >= 1);
        }

        (int compareExit, string compared, _) = CliRunner.Run("compare", "--memory", "512MiB", "--workload", "build,work=12s", "--ping-pong", "until-done", "--json");
        Assert.Equal(0, compareExit);
        using var both = System.Text.Json.JsonDocument.Parse(compared);
        double legacyDone = both.RootElement.GetProperty("legacy").GetProperty("workloadCompletedMs").GetDouble();
        double hintingDone = both.RootElement.GetProperty("hinting").GetProperty("workloadCompletedMs").GetDouble();
        Assert.Equal(hintingDone / legacyDone, both.RootElement.GetProperty("completionRatio").GetDouble(), 6);
    }

    [Fact]
    public void Ping_pong_until_done_without_a_finite_build_says_what_it_needs()
    {
        (int exit, string output, string error) = CliRunner.Run("compare", "--workload", "build", "--ping-pong", "until-done");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("needs a build of finite size: --workload build,work=DURATION", error, StringComparison.Ordinal);
    }
}
