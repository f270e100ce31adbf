using System.Collections.Immutable;
using Viz.App.Tui.Panels;
using Viz.App.Tui.Themes;
using Viz.Pipeline;

namespace Viz.App.Tests.Tui;

/// <summary>The host view's bar: guests' RSS in proportion, then free, then what is in swap.</summary>
public sealed class HostPanelTests
{
    private static HostGuestFrame Guest(string name, long resident, long swapped) =>
        new(name, 1000, "idle (idle)", "no features", resident, swapped, 0, "0 MiB touched/s", true, new GridFrame(new GridWindow(0, 1000, 10), [.. Enumerable.Repeat(CellState.Free, 10)]));

    [Fact]
    public void The_memory_bar_gives_each_guest_its_share_then_free_then_swap()
    {
        Assert.True(Headless.ShippedCatalog().TryGet(ThemeLoader.MonoName, out Theme? mono, out _));
        var panel = new HostPanel(mono) { Width = 100, Height = 12 };
        using Headless screen = Headless.View(100, 12, panel);
        var host = new HostFrame
        {
            CapacityPages = 800,
            SwappedPages = 200,
            SwapCapacityPages = null,
            SwapOutPerSecond = 0,
            SwapInPerSecond = 0,
            BalloonPolicy = "none",
            Guests = [Guest("a", 400, 100), Guest("b", 200, 100)],
        };
        panel.Show(host, 0);
        screen.Draw();
        string bar = screen.Text.Split('\n')[1].TrimEnd();

        Assert.Equal(40, bar.Count(c => c == '1'));
        Assert.Equal(20, bar.Count(c => c == '2'));
        Assert.Equal(20, bar.Count(c => c == '.'));
        Assert.Equal(20, bar.Count(c => c == 's'));
        Assert.Contains(">1 a ", screen.Text, StringComparison.Ordinal);
        Assert.Contains("host 3.1 MiB · free 800 KiB", screen.Text, StringComparison.Ordinal);
    }
}
