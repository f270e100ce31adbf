using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Terminal.Gui.App;

namespace Viz.App.Tui;

/// <summary>
/// An Rx scheduler that runs work on Terminal.Gui's main loop through <see cref="IApplication.AddTimeout"/> (safe to
/// call from any thread). It always defers to the loop, so it is never re-entrant, unlike <c>IApplication.Invoke</c>
/// called from the UI thread.
/// </summary>
public sealed class TuiScheduler(IApplication app) : LocalScheduler
{
    /// <inheritdoc/>
    public override IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var inner = new SingleAssignmentDisposable();
        var cancelled = new BooleanDisposable();
        object? token = app.AddTimeout(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, () =>
        {
            if (!cancelled.IsDisposed)
            {
                inner.Disposable = action(this, state);
            }

            return false;
        });
        return new CompositeDisposable(inner, cancelled, Disposable.Create(() =>
        {
            if (token is not null)
            {
                app.RemoveTimeout(token);
            }
        }));
    }
}
