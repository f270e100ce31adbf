using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace Viz.App.Reactive;

/// <summary>
/// An action of a view model with a stream that says when it can run (the shape of ReactiveUI's
/// <c>ReactiveCommand.Create(execute, canExecute)</c>). <see cref="Execute"/> does nothing while it cannot run.
/// UI thread only.
/// </summary>
public sealed class ReactiveCommand : IDisposable
{
    private readonly Action _execute;
    private readonly Subject<Unit> _executed = new();
    private readonly IDisposable _canExecuteSubscription;
    private bool _canExecute = true;

    /// <summary>A command running <paramref name="execute"/>, runnable while <paramref name="canExecute"/> last said true (always, without one).</summary>
    public ReactiveCommand(Action execute, IObservable<bool>? canExecute = null)
    {
        _execute = execute ?? throw new ArgumentNullException(nameof(execute));
        CanExecute = (canExecute ?? Observable.Return(true)).DistinctUntilChanged().Replay(1).RefCount();
        _canExecuteSubscription = CanExecute.Subscribe(value => _canExecute = value);
    }

    /// <summary>Whether the command can run, now and on every change.</summary>
    public IObservable<bool> CanExecute { get; }

    /// <summary>Whether the command can run now.</summary>
    public bool CanExecuteNow => _canExecute;

    /// <summary>Every time the command ran.</summary>
    public IObservable<Unit> Executed => _executed.AsObservable();

    /// <summary>Runs the command if it can run; returns whether it ran.</summary>
    public bool Execute()
    {
        if (!_canExecute)
        {
            return false;
        }

        _execute();
        _executed.OnNext(Unit.Default);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _canExecuteSubscription.Dispose();
        _executed.Dispose();
    }
}
