using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace Viz.Pipeline;

/// <summary>
/// The reactive glue between the simulation and a screen, kept in one place: frames are sampled (the newest one
/// per interval wins, older ones are dropped) and then handed to the UI's scheduler.
/// </summary>
public static class FramePipeline
{
    /// <summary>At most 30 frames a second reach a screen.</summary>
    public static readonly TimeSpan ScreenInterval = TimeSpan.FromSeconds(1.0 / 30);

    /// <summary>
    /// The frames a screen should draw: at most one per <paramref name="interval"/>, the newest, delivered on
    /// <paramref name="uiScheduler"/>. Sampling runs on <paramref name="samplingScheduler"/>, never on the UI thread,
    /// so a slow screen only ever skips frames.
    /// </summary>
    public static IObservable<SimFrame> ForScreen(
        this IObservable<SimFrame> frames, TimeSpan interval, IScheduler samplingScheduler, IScheduler uiScheduler) =>
        frames.Sample(interval, samplingScheduler).ObserveOn(uiScheduler);
}
