using System.IO.Hashing;
using Viz.Simulation.Core;
using Viz.Simulation.Host;
using Viz.Simulation.Migration;

namespace Viz.Simulation.Machine;

/// <summary>
/// Several guests on one host: one virtual clock, one host memory and one swap device, and each guest a whole
/// <see cref="GuestMachine"/> — its own kernel, workload, seed stream, balloon device and features, and its own
/// events. The guests' pages compete for the host's memory; the host's accounting runs once a tick for all of them,
/// after the guests' own ticks. Deterministic like a guest alone.
/// </summary>
public sealed class HostMachine
{
    private readonly List<GuestMachine> _guests = [];
    private readonly long _tickNs;

    /// <summary>
    /// Boots <paramref name="guests"/> on a host of <paramref name="host"/> (its memory, swap and costs), their balloons
    /// set by hand (<see cref="BalloonPolicy.None"/>) or by MoM's auto-balloon rules, for which each guest's device polls
    /// its statistics at MoM's interval.
    /// </summary>
    public HostMachine(HostOptions host, IReadOnlyList<SimulationOptions> guests, BalloonPolicy policy = BalloonPolicy.None, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guests);
        if (guests.Count == 0)
        {
            throw new ArgumentException("a host needs at least one guest", nameof(guests));
        }

        _tickNs = guests[0].TickNs;
        if (guests.Any(guest => guest.TickNs != _tickNs))
        {
            throw new ArgumentException("the guests on one host tick together", nameof(guests));
        }

        if (names is not null && names.Count != guests.Count)
        {
            throw new ArgumentException("one name per guest", nameof(names));
        }

        Names = names ?? [.. guests.Select((_, i) => $"guest{i + 1}")];
        Options = host;
        Queue = new EventScheduler();
        Events = new EventBus();
        Host = new HostMemory(host, Queue, Events);
        foreach (SimulationOptions guest in guests)
        {
            SimulationOptions options = policy == BalloonPolicy.Auto && guest.Device.StatsPollingIntervalNs == 0
                ? guest with { Device = guest.Device with { StatsPollingIntervalNs = MomBalloonPolicy.StatsPollingIntervalNs } }
                : guest;
            var machine = new GuestMachine(options, Queue, Host);
            machine.Events.Subscribe(e =>
            {
                if (e is MigrationEnded ended)
                {
                    OnMigrationEnded(machine, ended);
                }
            });
            _guests.Add(machine);
        }

        Queue.ScheduleAfter(_tickNs, TickHost);
        Policy = policy == BalloonPolicy.Auto ? new MomBalloonPolicy(this) : null;
    }

    /// <summary>Whether <paramref name="guest"/> still runs on this host (it has not migrated away).</summary>
    public bool OnHost(GuestMachine guest) => guest is not null && Host.Guests.Contains(guest.HostAccount);

    /// <summary>
    /// Starts migrating <paramref name="guest"/> off this host to one elsewhere: the guest runs here while its memory
    /// is copied out, and once the migration completes its memory leaves this host (the source QEMU exits) and it runs
    /// on, on the other host, without limits. A migration that does not complete leaves it here. Any migration a guest
    /// completes that is not a ping-pong takes it off the host the same way (the visualizer's m).
    /// </summary>
    public void MigrateAway(GuestMachine guest, MigrationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_guests.Contains(guest))
        {
            throw new ArgumentException("not a guest of this host", nameof(guest));
        }

        guest.Enqueue(new StartMigrationCommand(parameters with { PingPong = false }));
    }

    /// <summary>A guest's migration ended: a completed one, not a ping-pong hop, took it to another host.</summary>
    private void OnMigrationEnded(GuestMachine guest, MigrationEnded ended)
    {
        if (ended.Result.Outcome == MigrationOutcome.Completed && !guest.PingPong && OnHost(guest))
        {
            Host.Detach(guest.HostAccount);
            Events.Publish(new GuestLeftHost(ended.TimeNs, _guests.IndexOf(guest), guest.HostAccount.ResidentPages));
        }
    }

    /// <summary>The auto-balloon policy, when it runs.</summary>
    public MomBalloonPolicy? Policy { get; }

    /// <summary>The host's options.</summary>
    public HostOptions Options { get; }

    /// <summary>The guests' names, in their order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The shared clock.</summary>
    public EventScheduler Queue { get; }

    /// <summary>The host's own events (its swap device filling up); each guest's go to its own bus.</summary>
    public EventBus Events { get; }

    /// <summary>The host's memory and swap.</summary>
    public HostMemory Host { get; }

    /// <summary>The guests, in the order they were given.</summary>
    public IReadOnlyList<GuestMachine> Guests => _guests;

    /// <summary>Virtual time in nanoseconds.</summary>
    public long NowNs => Queue.NowNs;

    /// <summary>Applies every guest's queued commands, then advances virtual time by <paramref name="durationNs"/>.</summary>
    public void Step(long durationNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationNs);
        foreach (GuestMachine guest in _guests)
        {
            guest.ApplyCommands();
        }

        Queue.RunUntil(NowNs + durationNs);
    }

    /// <summary>A hash of every guest's state and the host's (for determinism checks).</summary>
    public ulong StateHash()
    {
        var hash = new XxHash64();
        foreach (GuestMachine guest in _guests)
        {
            hash.Append(BitConverter.GetBytes(guest.StateHash()));
        }

        hash.Append(BitConverter.GetBytes(Host.SwapStallNs));
        return hash.GetCurrentHashAsUInt64();
    }

    private void TickHost()
    {
        Host.Balance();
        Queue.ScheduleAfter(_tickNs, TickHost);
    }
}

/// <summary>Who sets the guests' balloon targets.</summary>
public enum BalloonPolicy
{
    /// <summary>The user, by hand (QEMU's balloon command).</summary>
    None,

    /// <summary>oVirt MoM's auto-balloon rules (<see cref="MomBalloonPolicy"/>).</summary>
    Auto,
}

/// <summary>A guest migrated off the host: its memory left with it.</summary>
/// <param name="TimeNs">When its migration completed.</param>
/// <param name="Guest">Which guest (its index).</param>
/// <param name="Pages">Pages it holds on the host it went to.</param>
public sealed record GuestLeftHost(long TimeNs, int Guest, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "migration";

    /// <inheritdoc/>
    public override string Describe() => $"guest {Guest + 1} migrated off the host; its memory left with it";
}
