using Viz.Simulation.Core;

namespace Viz.Simulation.Tests.Core;

public class EventSchedulerTests
{
    [Fact]
    public void Events_run_in_time_order_and_same_time_events_in_the_order_they_were_scheduled()
    {
        var scheduler = new EventScheduler();
        var order = new List<string>();
        scheduler.ScheduleAt(30, () => order.Add("c"));
        scheduler.ScheduleAt(10, () => order.Add("a1"));
        scheduler.ScheduleAt(10, () => order.Add("a2"));
        scheduler.ScheduleAt(20, () => order.Add("b"));
        scheduler.RunUntil(25);
        Assert.Equal(["a1", "a2", "b"], order);
        Assert.Equal(25, scheduler.NowNs);
        Assert.Equal(1, scheduler.Pending);
    }

    [Fact]
    public void An_event_sees_its_own_time_and_can_schedule_more()
    {
        var scheduler = new EventScheduler();
        var times = new List<long>();
        void Tick()
        {
            times.Add(scheduler.NowNs);
            if (times.Count < 3)
            {
                scheduler.ScheduleAfter(100, Tick);
            }
        }

        scheduler.ScheduleAfter(100, Tick);
        scheduler.RunUntil(1_000);
        Assert.Equal([100, 200, 300], times);
    }

    [Fact]
    public void An_event_scheduled_in_the_past_runs_now()
    {
        var scheduler = new EventScheduler();
        scheduler.RunUntil(500);
        long ranAt = -1;
        scheduler.ScheduleAt(100, () => ranAt = scheduler.NowNs);
        scheduler.RunUntil(500);
        Assert.Equal(500, ranAt);
    }
}
