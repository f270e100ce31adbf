using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class FramePipelineTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(33);

    [Fact]
    public void Only_the_newest_frame_of_each_interval_reaches_the_screen()
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

        Assert.Equal([20L, 40L, 70L, 200L], seen);
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
    public void No_frames_means_nothing_is_delivered()
    {
        var time = new HistoricalScheduler();
        var frames = new Subject<SimFrame>();
        int delivered = 0;
        using IDisposable subscription = frames.ForScreen(Interval, time, ImmediateScheduler.Instance).Subscribe(_ => delivered++);
        time.AdvanceBy(TimeSpan.FromSeconds(5));
        Assert.Equal(0, delivered);
    }
}
