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

        Assert.Equal(["one", "two", "... 6 events came too fast to show", "hog freed 7 pages"], log.Visible(10).Select(l => l.Text));
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
    public void The_filter_cycles_through_the_kinds_seen_then_back_to_all()
    {
        var log = new EventLog();
        log.Take(With((1, new CommandApplied(1, "c")), (2, new FreeBurst(2, "hog", 1)), (3, new AllocationBurst(3, "hog", 1))));
        log.CycleFilter();
        Assert.Equal("alloc", log.Filter);
        Assert.All(log.Visible(10), l => Assert.Equal("alloc", l.Kind));
        log.CycleFilter();
        log.CycleFilter();
        Assert.Equal("free", log.Filter);
        log.CycleFilter();
        Assert.Null(log.Filter);
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
}
