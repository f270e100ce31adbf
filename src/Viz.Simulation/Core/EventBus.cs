
namespace Viz.Simulation.Core;

/// <summary>
/// Delivers simulation events to subscribers synchronously, in publication order, on the simulation's
/// own call stack. (The pipeline turns this into an observable for the UI.)
/// </summary>
public sealed class EventBus
{
    private readonly List<Action<SimEvent>> _subscribers = [];

    /// <summary>Number of events published so far.</summary>
    public long Published { get; private set; }

    /// <summary>Calls <paramref name="subscriber"/> for every event from now on, until the result is disposed.</summary>
    public IDisposable Subscribe(Action<SimEvent> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _subscribers.Add(subscriber);
        return new Subscription(this, subscriber);
    }

    /// <summary>Publishes one event.</summary>
    public void Publish(SimEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(simEvent);
        Published++;
        for (int i = 0; i < _subscribers.Count; i++)
        {
            _subscribers[i](simEvent);
        }
    }

    private sealed class Subscription(EventBus bus, Action<SimEvent> subscriber) : IDisposable
    {
        public void Dispose() => bus._subscribers.Remove(subscriber);
    }
}
