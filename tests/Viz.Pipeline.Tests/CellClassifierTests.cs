using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class CellClassifierTests
{
    private static CellState Classify(
        int free = 0, int allocated = 0, int kernel = 0, int reporting = 0, int hinted = 0, int ballooned = 0,
        int reported = 0, int poisoned = 0, int? backed = null)
    {
        int pages = free + allocated + kernel + reporting + hinted + ballooned;
        return CellClassifier.Classify(pages, free, allocated, kernel, reporting, hinted, ballooned, reported, poisoned, backed ?? pages);
    }

    [Fact]
    public void A_cell_without_pages_is_empty() => Assert.Equal(CellState.Empty, Classify());

    [Fact]
    public void One_reporting_or_hinted_page_wins_over_any_majority_in_that_order()
    {
        Assert.Equal(CellState.Reporting, Classify(allocated: 80, reporting: 1, hinted: 5, ballooned: 5));
        Assert.Equal(CellState.Hinted, Classify(free: 80, hinted: 1, ballooned: 5));
    }

    [Fact]
    public void The_balloon_shows_where_it_holds_most_of_a_cell_not_where_a_few_of_its_pages_sit()
    {
        Assert.Equal(CellState.Kernel, Classify(kernel: 80, ballooned: 1));
        Assert.Equal(CellState.Allocated, Classify(allocated: 60, ballooned: 40));
        Assert.Equal(CellState.Ballooned, Classify(allocated: 40, ballooned: 60));
        Assert.Equal(CellState.Ballooned, Classify(free: 10, kernel: 10, ballooned: 11));
    }

    [Fact]
    public void Otherwise_the_majority_owner_wins_and_ties_go_to_free_then_allocated()
    {
        Assert.Equal(CellState.Allocated, Classify(free: 10, allocated: 11, kernel: 5));
        Assert.Equal(CellState.Kernel, Classify(free: 10, allocated: 11, kernel: 12));
        Assert.Equal(CellState.Free, Classify(free: 10, allocated: 10));
        Assert.Equal(CellState.Allocated, Classify(allocated: 10, kernel: 10));
    }

    [Fact]
    public void A_free_cell_shows_reported_then_poisoned_then_unbacked_when_most_of_it_is()
    {
        Assert.Equal(CellState.Reported, Classify(free: 10, reported: 6, poisoned: 10, backed: 0));
        Assert.Equal(CellState.ReportedKept, Classify(free: 10, reported: 6, poisoned: 10, backed: 10));
        Assert.Equal(CellState.Poisoned, Classify(free: 10, reported: 5, poisoned: 6, backed: 0));
        Assert.Equal(CellState.FreeUnbacked, Classify(free: 10, poisoned: 5, backed: 5));
        Assert.Equal(CellState.Free, Classify(free: 10, backed: 6));
    }
}
