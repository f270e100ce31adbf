namespace Viz.App.Tests.Cli;

/// <summary>--csv on run, migrate and compare: one CSV document on stdout.</summary>
public class CsvCommandTests
{
    [Fact]
    public void Run_csv_is_a_header_and_one_row_of_the_final_figures()
    {
        string[][] rows = Csv("run", "--memory", "256MiB", "--workload", "hog:64MiB", "--duration", "2s", "--csv");

        Assert.Equal(2, rows.Length);
        Assert.Equal(["t", "hostRssBytes", "pagesFree", "pagesAllocated"], rows[0][..4]);
        Assert.Contains("workloadProgress.workload", rows[0]);
        Assert.Equal(rows[0].Length, rows[1].Length);
        Assert.Equal("2", Cell(rows, 1, "t"));
        Assert.True(long.Parse(Cell(rows, 1, "hostRssBytes"), System.Globalization.CultureInfo.InvariantCulture) >= 64L << 20);
        Assert.Equal("hog:64MiB", Cell(rows, 1, "workloadProgress.workload"));
    }

    [Fact]
    public void Run_csv_with_series_has_one_row_per_sample()
    {
        string[][] rows = Csv("run", "--memory", "256MiB", "--duration", "5s", "--series", "--csv");

        Assert.Equal(7, rows.Length);
        Assert.Equal(["0", "1", "2", "3", "4", "5"], rows[1..].Select(row => row[0]));
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length));
    }

    [Fact]
    public void Migrate_csv_is_one_row_with_the_json_fields()
    {
        string[][] rows = Csv("migrate", "--memory", "256MiB", "--csv");

        Assert.Equal(2, rows.Length);
        Assert.Equal(["outcome", "converged", "hinting", "totalTimeMs", "downtimeMs", "rounds", "bytesTransferred"], rows[0][..7]);
        Assert.Equal("completed", Cell(rows, 1, "outcome"));
        Assert.NotEmpty(Cell(rows, 1, "downtimeMs"));
    }

    [Fact]
    public void A_migration_that_did_not_converge_has_an_empty_downtime_field()
    {
        string[][] rows = Csv([.. MigrateCommandTests.NotConverging, "--csv"]);

        Assert.Equal("notConverged", Cell(rows, 1, "outcome"));
        Assert.Equal(string.Empty, Cell(rows, 1, "downtimeMs"));
    }

    [Fact]
    public void Migrate_ping_pong_csv_is_the_summary_row()
    {
        string[][] rows = Csv("migrate", "--memory", "256MiB", "--ping-pong", "2s", "--csv");

        Assert.Equal(2, rows.Length);
        Assert.Equal("migrations", rows[0][0]);
        Assert.Contains("slowdownPercent", rows[0]);
    }

    [Fact]
    public void Compare_csv_is_a_header_and_the_legacy_and_hinting_rows_and_nothing_else()
    {
        string[][] rows = Csv("compare", "--memory", "256MiB", "--csv");

        Assert.Equal(3, rows.Length);
        Assert.Equal(["migration", "outcome"], rows[0][..2]);
        Assert.Equal(["legacy", "hinting"], rows[1..].Select(row => row[0]));
        Assert.Equal(["false", "true"], [Cell(rows, 1, "hinting"), Cell(rows, 2, "hinting")]);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("migrate")]
    [InlineData("compare")]
    public void Csv_and_json_together_are_one_line_of_bad_input(string command)
    {
        (int exit, string output, string error) = CliRunner.Run(command, "--memory", "256MiB", "--csv", "--json");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal("balloonviz: --csv and --json cannot be used together; choose one\n", error.ReplaceLineEndings("\n"));
    }

    /// <summary>Runs the command and splits its CSV into rows and fields (the commands' fields hold no commas or quotes).</summary>
    private static string[][] Csv(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        Assert.EndsWith("\r\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain('"', output);
        string[] lines = output[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        return [.. lines.Select(line => line.Split(','))];
    }

    private static string Cell(string[][] rows, int row, string column) => rows[row][Array.IndexOf(rows[0], column)];
}
