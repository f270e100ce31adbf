using Viz.App.Cli;
using Viz.Simulation.Migration;

namespace Viz.App.Tests.Cli;

/// <summary>The rows of the migration table.</summary>
public class MigrationReportTests
{
    [Fact]
    public void Thirty_rounds_of_dirty_pages_are_summarised_as_the_first_three_and_the_last_two_with_the_count()
    {
        MigrationReport report = Report(Enumerable.Range(1, 30).Select(i => 1000L * i).ToArray());

        Assert.Equal("1000 2000 3000 … 29000 30000 (30 rounds)", DirtyPages(report));
    }

    [Fact]
    public void Up_to_five_rounds_of_dirty_pages_are_all_shown()
    {
        Assert.Equal("5 4 3 2 1", DirtyPages(Report([5, 4, 3, 2, 1])));
        Assert.Equal("7", DirtyPages(Report([7])));
    }

    [Fact]
    public void A_compare_of_migrations_that_do_not_converge_keeps_every_line_short()
    {
        string[] args = ["compare", .. MigrateCommandTests.NotConverging.Skip(1)];
        args[Array.IndexOf(args, "--max-rounds") + 1] = "6";

        (int exit, string output, _) = CliRunner.Run(args);

        Assert.Equal(0, exit);
        string dirty = output.Split('\n').Single(line => line.StartsWith("dirty pages per round", StringComparison.Ordinal));
        Assert.Equal(2, dirty.Split("(6 rounds)").Length - 1);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 120, line));
    }

    private static string DirtyPages(MigrationReport report) => report.Rows().Single(row => row.Name == "dirty pages per round").Value;

    private static MigrationReport Report(long[] dirtyPagesPerRound) => new()
    {
        Outcome = MigrationOutcome.NotConverged,
        Converged = false,
        Hinting = false,
        TotalTimeMs = 1,
        DowntimeMs = null,
        Rounds = dirtyPagesPerRound.Length,
        BytesTransferred = 0,
        PagesNormal = 0,
        PagesZero = 0,
        PagesSkippedByHint = 0,
        DirtyPagesPerRound = dirtyPagesPerRound,
        Verified = false,
        MismatchedPages = 0,
        WorkDone = 0,
        WorkLost = 0,
        FreeAtStartBytes = 0,
        FreeShareAtStart = 0,
        FreeIn4MiBBlocksAtStartBytes = 0,
    };
}
