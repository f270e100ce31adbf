using Viz.App.Tui.Panels;

namespace Viz.App.Tests.Tui;

public class SparklineTests
{
    [Fact]
    public void Scales_from_zero_to_the_maximum_and_right_aligns_short_series()
    {
        Assert.Equal("  ▁▅█", Sparkline.Render([0, 50, 100], 5, 100));
    }

    [Fact]
    public void Keeps_only_the_newest_values_that_fit()
    {
        Assert.Equal("▁█", Sparkline.Render([100, 100, 0, 100], 2, 100));
    }
}
