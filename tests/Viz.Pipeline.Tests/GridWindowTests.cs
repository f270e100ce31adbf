using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class GridWindowTests
{
    [Theory]
    [InlineData(0, 1000, 7)]
    [InlineData(500, 2_097_152, 12_000)]
    [InlineData(3, 10, 40)]
    public void CellOf_finds_the_cell_whose_range_holds_the_page(int start, int pages, int cells)
    {
        var window = new GridWindow(start, pages, cells);
        int step = Math.Max(1, pages / 997);
        for (int pfn = start; pfn < start + pages; pfn += step)
        {
            int cell = window.CellOf(pfn);
            Assert.InRange(pfn, window.CellStart(cell), window.CellStart(cell) + window.PagesIn(cell) - 1);
        }
    }

    [Fact]
    public void Pages_outside_the_window_have_no_cell()
    {
        var window = new GridWindow(100, 50, 10);
        Assert.Equal(-1, window.CellOf(99));
        Assert.Equal(-1, window.CellOf(150));
        Assert.Equal(9, window.CellOf(149));
    }
}
