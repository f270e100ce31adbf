using System.Drawing;
using Viz.App.Tui;

namespace Viz.App.Tests.Tui;

public class ScreenLayoutTests
{
    private static ScreenLayout For(int columns, int rows, bool log = true, bool legend = true) =>
        ScreenLayout.For(columns, rows, log, legend, _ => 4);

    [Theory]
    [InlineData(160, 45)]
    [InlineData(120, 35)]
    [InlineData(100, 24)]
    [InlineData(80, 24)]
    [InlineData(200, 60)]
    public void Nothing_overlaps_and_everything_stays_on_screen(int columns, int rows)
    {
        ScreenLayout layout = For(columns, rows);
        Rectangle[] parts = [layout.Header, layout.SummaryRow, layout.Grid, layout.Legend, layout.Log, layout.Status, .. layout.Panels.Values];
        Rectangle screen = new(0, 0, columns, rows);
        Rectangle[] placed = [.. parts.Where(p => !p.IsEmpty)];
        Assert.All(placed, p => Assert.True(screen.Contains(p), $"{p} is off a {columns}x{rows} screen"));
        for (int i = 0; i < placed.Length; i++)
        {
            for (int j = i + 1; j < placed.Length; j++)
            {
                Assert.False(placed[i].IntersectsWith(placed[j]), $"{placed[i]} overlaps {placed[j]}");
            }
        }
    }

    [Fact]
    public void At_160_by_45_every_side_panel_shows_and_no_summary_is_needed()
    {
        ScreenLayout layout = For(160, 45);
        Assert.All(layout.Panels.Values, p => Assert.False(p.IsEmpty));
        Assert.False(layout.Summary);
    }

    [Fact]
    public void A_short_terminal_drops_the_least_important_panels_first()
    {
        ScreenLayout layout = For(120, 35);
        Assert.True(layout.SidePanels);
        Assert.False(layout.Panels[SidePanel.Migration].IsEmpty);
        Assert.False(layout.Panels[SidePanel.Features].IsEmpty);
        Assert.True(layout.Panels[SidePanel.Counters].Height >= 17);
        Assert.True(layout.Panels[SidePanel.Trends].IsEmpty);
        Assert.False(layout.Summary);
    }

    [Fact]
    public void When_the_counters_are_cut_the_summary_line_carries_the_key_figures()
    {
        ScreenLayout layout = For(160, 24);
        Assert.True(layout.Panels[SidePanel.Counters].Height < 17);
        Assert.True(layout.Summary);
        Assert.Equal(2, layout.Grid.Y);
    }

    [Fact]
    public void Wide_terminals_get_wider_side_panels()
    {
        Assert.Equal(ScreenLayout.SideWidth, For(140, 45).PanelWidth);
        Assert.Equal(ScreenLayout.MaxSideWidth, For(240, 60).PanelWidth);
        Assert.Equal(0, For(80, 24).PanelWidth);
    }
}
