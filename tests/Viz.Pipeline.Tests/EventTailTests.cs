using Viz.Pipeline;
using Viz.Simulation.Machine;

namespace Viz.Pipeline.Tests;

public class EventTailTests
{
    [Fact]
    public void Keeps_the_newest_events_oldest_first_with_their_sequence_numbers()
    {
        var tail = new EventTail(3);
        for (int i = 1; i <= 5; i++)
        {
            tail.Add(new CommandApplied(i, $"c{i}"));
        }

        Assert.Equal([3L, 4L, 5L], tail.Snapshot().Select(e => e.Sequence));
        Assert.Equal(["c3", "c4", "c5"], tail.Snapshot().Select(e => e.Event.Describe()));
        Assert.Equal(5, tail.Published);
    }

    [Fact]
    public void An_empty_tail_has_no_events() => Assert.Empty(new EventTail(4).Snapshot());

    [Fact]
    public void A_flood_of_trace_never_pushes_out_the_key_events()
    {
        var tail = new EventTail(4);
        tail.Add(new CommandApplied(0, "migration started"));
        for (int i = 1; i <= 100; i++)
        {
            tail.Add(new Viz.Simulation.Workloads.AllocationBurst(i, "build", 1));
        }

        Assert.Equal(["migration started"], tail.Snapshot().Where(e => !EventTail.IsTrace(e.Event)).Select(e => e.Event.Describe()));
        Assert.Equal([1L, 98L, 99L, 100L, 101L], tail.Snapshot().Select(e => e.Sequence));
    }
}
