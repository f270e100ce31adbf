using Viz.App.Tui.Log;
using Viz.Pipeline;
using Viz.Simulation.Core;
using Viz.Simulation.Machine;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Tui;

public class EventLogTests
{
    private static readonly SimFrame Template = Headless.Frame(new GridWindow(0, 1024, 4));

    private static SimFrame With(params (long Sequence, SimEvent Event)[] events) =>
        Template with { RecentEvents = [.. events.Select(e => new LoggedEvent(e.Sequence, e.Event))] };

    [Fact]
    public void Takes_each_event_once_and_says_how_many_it_missed()
    {
        var log = new EventLog();
        log.Take(With((1, new CommandApplied(1, "one")), (2, new CommandApplied(2, "two"))));
        log.Take(With((2, new CommandApplied(2, "two")), (9, new FreeBurst(3, "hog", 7))));

        Assert.Equal(["one", "two", "... 6 trace events (bursts, virtqueue buffers) came too fast to show", "hog freed 7 pages"], log.Visible(10).Select(l => l.Text));
    }

    [Fact]
    public void Pausing_holds_new_lines_back_until_resumed()
    {
        var log = new EventLog();
        log.Take(With((1, new CommandApplied(1, "one"))));
        log.TogglePause();
        log.Take(With((2, new CommandApplied(2, "two"))));
        Assert.Single(log.Visible(10));
        Assert.Equal(1, log.HeldCount);
        log.TogglePause();
        Assert.Equal(2, log.Visible(10).Count);
    }

    [Fact]
    public void The_filter_shows_one_of_the_kinds_seen_or_all()
    {
        var log = new EventLog();
        log.Take(With((1, new CommandApplied(1, "c")), (2, new FreeBurst(2, "hog", 1)), (3, new AllocationBurst(3, "hog", 1))));
        Assert.Equal(["alloc", "command", "free"], log.Kinds);
        log.SetFilter("alloc");
        Assert.All(log.Visible(10), l => Assert.Equal("alloc", l.Kind));
        log.SetFilter(null);
        Assert.Equal(3, log.Visible(10).Count);
    }

    [Fact]
    public void Scrolling_shows_older_lines_and_end_returns_to_the_newest()
    {
        var log = new EventLog();
        log.Take(With([.. Enumerable.Range(1, 20).Select(i => ((long)i, (SimEvent)new CommandApplied(i, $"e{i}")))]));
        log.Scroll(5);
        Assert.Equal("e15", log.Visible(3)[^1].Text);
        log.ScrollToEnd();
        Assert.Equal("e20", log.Visible(3)[^1].Text);
    }

    [Fact]
    public void Alloc_and_free_bursts_are_summed_up_per_source_until_something_else_happens()
    {
        var log = new EventLog();
        log.Take(With(
            (1, new AllocationBurst(1, "build", 10)), (2, new FreeBurst(2, "build", 4)), (3, new AllocationBurst(3, "build", 5)),
            (4, new CommandApplied(4, "migration started")), (5, new AllocationBurst(5, "build", 7))));

        Assert.Equal(
            ["build allocated 15 pages in 2 bursts since 0.000s", "build freed 4 pages", "migration started", "build allocated 7 pages"],
            log.Visible(10).Select(l => l.Text));

        log.ToggleBursts();
        log.Take(With((6, new AllocationBurst(6, "build", 1)), (7, new AllocationBurst(7, "build", 2))));
        Assert.Equal(["build allocated 1 pages", "build allocated 2 pages"], log.Visible(2).Select(l => l.Text));
    }

    [Fact]
    public void When_the_log_is_full_the_trace_goes_first_and_a_migrations_lines_stay()
    {
        var log = new EventLog();
        log.Take(With((1, new CommandApplied(1, "migration #1 started"))));
        log.ToggleBursts();
        log.Take(With([.. Enumerable.Range(2, EventLog.Capacity + 100).Select(i => ((long)i, (SimEvent)new AllocationBurst(i, "build", 1)))]));

        log.SetFilter("command");
        Assert.Equal(["migration #1 started"], log.Visible(5).Select(l => l.Text));
    }

    [Fact]
    public void Scrolling_past_the_oldest_line_keeps_a_full_page_in_view()
    {
        var log = new EventLog();
        log.Take(With([.. Enumerable.Range(1, 12).Select(i => ((long)i, (SimEvent)new CommandApplied(i, $"e{i}")))]));
        log.Scroll(50);
        Assert.Equal(5, log.Visible(5).Count);
        Assert.Equal("e1", log.Visible(5)[0].Text);
    }

    [Fact]
    public void A_line_does_not_repeat_its_kind()
    {
        var line = new LogLine(0, "migration", "migration #2 started");
        Assert.EndsWith("migration #2 started", line.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("migration migration", line.ToString(), StringComparison.Ordinal);
    }
}
