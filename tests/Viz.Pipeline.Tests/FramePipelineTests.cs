using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class FramePipelineTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(33);

    [Fact]
    public void A_frame_after_a_quiet_spell_goes_out_at_once_and_faster_ones_are_thinned_to_the_newest()
    {
        var time = new HistoricalScheduler();
        var frames = new Subject<SimFrame>();
        var seen = new List<long>();
        using IDisposable subscription = frames.ForScreen(Interval, time, ImmediateScheduler.Instance).Subscribe(f => seen.Add(f.Number));

        DateTimeOffset start = time.Now;
        foreach (int ms in new[] { 1, 5, 10, 20, 40, 70, 200 })
        {
            time.AdvanceTo(start.AddMilliseconds(ms));
            frames.OnNext(TestFrames.Numbered(ms));
        }

        time.AdvanceBy(TimeSpan.FromMilliseconds(100));

        Assert.Equal([1L, 20L, 40L, 70L, 200L], seen);
    }

    [Fact]
    public void Frames_arrive_only_when_the_ui_scheduler_runs()
    {
        var sampling = new HistoricalScheduler();
        var ui = new HistoricalScheduler();
        var frames = new Subject<SimFrame>();
        var seen = new List<long>();
        using IDisposable subscription = frames.ForScreen(Interval, sampling, ui).Subscribe(f => seen.Add(f.Number));

        frames.OnNext(TestFrames.Numbered(1));
        sampling.AdvanceBy(Interval);
        Assert.Empty(seen);

        ui.AdvanceBy(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1L], seen);
    }

    [Fact]
    public void No_frames_means_no_timers_and_nothing_delivered()
    {
        var time = new CountingScheduler(new HistoricalScheduler());
        var frames = new Subject<SimFrame>();
        int delivered = 0;
        using IDisposable subscription = frames.ForScreen(Interval, time, ImmediateScheduler.Instance).Subscribe(_ => delivered++);
        frames.OnNext(TestFrames.Numbered(1));
        time.Inner.AdvanceBy(TimeSpan.FromSeconds(5));
        Assert.Equal(1, delivered);
        Assert.Equal(1, time.Scheduled);
    }

    [Fact]
    public void Every_frame_of_a_slow_source_is_delivered()
    {
        var time = new HistoricalScheduler();
        var frames = new Subject<SimFrame>();
        var seen = new List<long>();
        using IDisposable subscription = frames.ForScreen(Interval, time, ImmediateScheduler.Instance).Subscribe(f => seen.Add(f.Number));
        for (int i = 1; i <= 5; i++)
        {
            frames.OnNext(TestFrames.Numbered(i));
            time.AdvanceBy(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], seen);
    }

    [Fact]
    public void Completion_and_errors_pass_through()
    {
        var frames = new Subject<SimFrame>();
        Exception? failure = null;
        using IDisposable subscription = frames.ForScreen(Interval, new HistoricalScheduler(), ImmediateScheduler.Instance)
            .Subscribe(_ => { }, e => failure = e);
        frames.OnError(new InvalidOperationException("boom"));
        Assert.Equal("boom", failure?.Message);
    }

    /// <summary>Counts the work scheduled on a virtual-time scheduler.</summary>
    private sealed class CountingScheduler(HistoricalScheduler inner) : IScheduler
    {
        public HistoricalScheduler Inner => inner;

        public int Scheduled { get; private set; }

        public DateTimeOffset Now => inner.Now;

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            Scheduled++;
            return inner.Schedule(state, action);
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
        {
            Scheduled++;
            return inner.Schedule(state, dueTime, action);
        }

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
        {
            Scheduled++;
            return inner.Schedule(state, dueTime, action);
        }
    }
}
