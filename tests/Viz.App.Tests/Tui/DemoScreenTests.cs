using Viz.App.Tui;
using Viz.App.Tui.Panels;
using Viz.Pipeline;
using Viz.Simulation.Units;

namespace Viz.App.Tests.Tui;

/// <summary>What a demo adds to the screen: the caption bar's first row, the line a step changed, the room it takes.</summary>
public sealed class DemoScreenTests
{
    private static ScenarioFrame Frame(bool waiting = false, (string, long)? action = null, bool done = false) => new()
    {
        Title = "t",
        Chapter = "Legacy migration",
        ChapterNumber = 2,
        Chapters = 3,
        Caption = "every page goes",
        WaitingAtChapter = waiting,
        NextChapter = waiting ? "With hinting" : null,
        LastAction = action,
        Done = done,
        Checks = (3, 1),
    };

    [Fact]
    public void The_first_row_names_the_chapter_and_says_what_the_demo_does_now()
    {
        Assert.Equal(("2/3  Legacy migration", "space or → : With hinting"), CaptionView.HeadLine(Frame(waiting: true), 0));
        Assert.Equal("▶ migrate", CaptionView.HeadLine(Frame(action: ("migrate", 1)), 1 + CaptionView.PointOutNs - 1).Right);
        Assert.Equal(string.Empty, CaptionView.HeadLine(Frame(action: ("migrate", 1)), 1 + CaptionView.PointOutNs).Right);
        Assert.Equal("done: 2 of 3 checks passed", CaptionView.HeadLine(Frame(done: true), 0).Right);
        Assert.Equal("REPLAY DIFFERS: the final state hash is not the recorded one", CaptionView.HeadLine(Frame() with { HashMatches = false }, 0).Right);
    }

    [Theory]
    [InlineData("hinting on", new[] { 2 })]
    [InlineData("reporting off", new[] { 3 })]
    [InlineData("poisoning page_poison init-on-alloc=on", new[] { 0, 1 })]
    [InlineData("balloon 1GiB", new[] { 4 })]
    [InlineData("workload idle", new int[0])]
    public void A_step_points_out_the_features_line_it_changed(string command, int[] lines)
    {
        PanelLine[] panel = [.. Enumerable.Range(0, 6).Select(i => new PanelLine($"line {i}"))];

        IReadOnlyList<PanelLine> shown = PanelText.PointOut(panel, command, PanelText.FeatureLinesOf);

        Assert.Equal(lines, shown.Select((l, i) => (l, i)).Where(p => p.l.Highlight).Select(p => p.i));
        Assert.Equal(panel.Select(l => l.Text), shown.Select(l => l.Text));
    }

    [Fact]
    public void The_caption_bar_takes_its_rows_under_the_header_and_the_grid_starts_below_it()
    {
        ScreenLayout plain = ScreenLayout.For(120, 35, logVisible: true, legendVisible: true, _ => 3);
        ScreenLayout demo = ScreenLayout.For(120, 35, logVisible: true, legendVisible: true, _ => 3, CaptionView.Rows);

        Assert.Equal(new System.Drawing.Rectangle(0, 1, 120, CaptionView.Rows), demo.Caption);
        Assert.Equal(1 + CaptionView.Rows + (demo.Summary ? 1 : 0), demo.Grid.Y);
        Assert.True(!demo.Summary || demo.SummaryRow.Y == 1 + CaptionView.Rows);
        Assert.True(plain.Caption.IsEmpty);
        Assert.All(demo.Panels.Values.Where(p => !p.IsEmpty), p => Assert.True(p.Y >= 1 + CaptionView.Rows));
        ScreenLayout laptop = ScreenLayout.For(80, 24, logVisible: true, legendVisible: true, _ => 4, CaptionView.Rows);
        Assert.True(laptop.Fits);
        Assert.True(laptop.Grid.Height >= 3);
    }
}
