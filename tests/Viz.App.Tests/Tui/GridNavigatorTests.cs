using Viz.App.Tui.Grid;

namespace Viz.App.Tests.Tui;

public class GridNavigatorTests
{
    private static GridNavigator Navigator(int pages = 1 << 21)
    {
        var navigator = new GridNavigator(pages);
        navigator.Resize(new GridLayout(100, 30, HalfBlocks: true));
        return navigator;
    }

    [Fact]
    public void Starts_with_the_whole_guest_in_view()
    {
        GridNavigator navigator = Navigator();
        Assert.True(navigator.ShowsAll);
        Assert.Equal(6000, navigator.Window.Cells);
    }

    [Fact]
    public void Zooming_in_keeps_the_selected_page_in_view_down_to_one_page_per_cell()
    {
        GridNavigator navigator = Navigator();
        navigator.Select(3210);
        int selected = navigator.Selection.StartPfn;
        while (navigator.CanZoomIn)
        {
            navigator.ZoomIn();
            Assert.InRange(selected, navigator.Selection.StartPfn, navigator.Selection.StartPfn + navigator.Selection.PageCount - 1);
        }

        Assert.Equal(navigator.Window.Cells, navigator.Window.PageCount);
        Assert.Equal(1, navigator.Selection.PageCount);
    }

    [Fact]
    public void Zooming_out_returns_to_the_whole_guest()
    {
        GridNavigator navigator = Navigator();
        navigator.Select(5999);
        navigator.ZoomIn();
        navigator.ZoomIn();
        navigator.ZoomOut();
        navigator.ZoomOut();
        Assert.True(navigator.ShowsAll);
        Assert.Equal(0, navigator.Window.StartPfn);
    }

    [Fact]
    public void Moving_past_the_bottom_when_zoomed_in_scrolls_the_window()
    {
        GridNavigator navigator = Navigator();
        navigator.ZoomIn();
        navigator.ZoomIn();
        int start = navigator.Window.StartPfn;
        navigator.Select(navigator.Window.Cells - 1);
        navigator.Move(0, 1);
        Assert.True(navigator.Window.StartPfn > start);
        Assert.Equal(navigator.Window.Cells - 1, navigator.Cursor);
    }

    [Fact]
    public void The_cursor_stays_inside_the_grid()
    {
        GridNavigator navigator = Navigator();
        navigator.Move(-5, -5);
        Assert.Equal(0, navigator.Cursor);
        navigator.Select(99);
        navigator.Move(3, 0);
        Assert.Equal(99, navigator.Cursor);
        navigator.Select(6000);
        Assert.Equal(99, navigator.Cursor);
    }

    [Fact]
    public void A_resize_keeps_the_selected_page()
    {
        GridNavigator navigator = Navigator();
        navigator.Select(4321);
        int selected = navigator.Selection.StartPfn;
        navigator.Resize(new GridLayout(60, 20, HalfBlocks: false));
        Assert.InRange(selected, navigator.Selection.StartPfn, navigator.Selection.StartPfn + navigator.Selection.PageCount - 1);
    }
}
