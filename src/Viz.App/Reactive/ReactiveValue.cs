using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace Viz.App.Reactive;

/// <summary>
/// An observable property of a view model: the current <see cref="Value"/> and a stream of its changes (the shape
/// ReactiveUI gives a <c>[Reactive]</c> property and <c>WhenAnyValue</c>). Setting an equal value changes nothing.
/// UI thread only.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ReactiveValue<T> : IDisposable
{
    private readonly BehaviorSubject<T> _subject;

    /// <summary>A property holding <paramref name="initial"/>.</summary>
    public ReactiveValue(T initial)
    {
        _subject = new BehaviorSubject<T>(initial);
    }

    /// <summary>The value now; setting a different one notifies <see cref="Changes"/>.</summary>
    public T Value
    {
        get => _subject.Value;
        set
        {
            if (!EqualityComparer<T>.Default.Equals(_subject.Value, value))
            {
                _subject.OnNext(value);
            }
        }
    }

    /// <summary>The value now and every later change.</summary>
    public IObservable<T> Changes => _subject.AsObservable();

    /// <inheritdoc/>
    public void Dispose() => _subject.Dispose();
}
