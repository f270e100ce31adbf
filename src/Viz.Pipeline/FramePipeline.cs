using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Viz.Pipeline;

/// <summary>
/// The reactive glue between the simulation and a screen, kept in one place: frames are thinned to at most one per
/// interval (the newest wins, older ones are dropped) and then handed to the UI's scheduler.
/// </summary>
public static class FramePipeline
{
    /// <summary>At most 30 frames a second reach a screen.</summary>
    public static readonly TimeSpan ScreenInterval = TimeSpan.FromSeconds(1.0 / 30);

    /// <summary>
    /// The frames a screen should draw: at most one per <paramref name="interval"/>, always the newest, delivered on
    /// <paramref name="uiScheduler"/>. Thinning runs on <paramref name="samplingScheduler"/>, never on the UI thread,
    /// so a slow screen only ever skips frames.
    /// </summary>
    public static IObservable<SimFrame> ForScreen(
        this IObservable<SimFrame> frames, TimeSpan interval, IScheduler samplingScheduler, IScheduler uiScheduler) =>
        frames.Latest(interval, samplingScheduler).ObserveOn(uiScheduler);

    /// <summary>
    /// Emits the newest value at most once per <paramref name="interval"/>: a value after a quiet spell goes out at
    /// once, values that come faster wait for the end of the interval and only the newest of them goes out. Unlike
    /// <c>Sample</c> it sets no timer while nothing arrives, so an idle (paused) simulation costs no CPU here.
    /// </summary>
    public static IObservable<T> Latest<T>(this IObservable<T> source, TimeSpan interval, IScheduler scheduler)
        where T : class => Observable.Create<T>(observer =>
    {
        var gate = new object();
        var timer = new SerialDisposable();
        T? pending = null;
        bool scheduled = false;
        DateTimeOffset lastSent = DateTimeOffset.MinValue;

        void Flush()
        {
            T? value;
            lock (gate)
            {
                value = pending;
                pending = null;
                scheduled = false;
                lastSent = scheduler.Now;
            }

            if (value is not null)
            {
                observer.OnNext(value);
            }
        }

        IDisposable subscription = source.Subscribe(
            value =>
            {
                TimeSpan wait;
                lock (gate)
                {
                    pending = value;
                    if (scheduled)
                    {
                        return;
                    }

                    scheduled = true;
                    TimeSpan since = lastSent == DateTimeOffset.MinValue ? interval : scheduler.Now - lastSent;
                    wait = since >= interval ? TimeSpan.Zero : interval - since;
                }

                timer.Disposable = scheduler.Schedule(wait, Flush);
            },
            observer.OnError,
            observer.OnCompleted);
        return new CompositeDisposable(subscription, timer);
    });
}
