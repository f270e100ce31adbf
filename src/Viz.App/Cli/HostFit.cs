using System.Text.Json.Nodes;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;

namespace Viz.App.Cli;

/// <summary>
/// `balloonviz host --fit SPEC`: how many guests of one SPEC a host holds before the next would slow some guest's
/// workload by more than <see cref="MaxSlowdown"/> against the same guest alone — the count operators ask for.
/// </summary>
/// <param name="Label">The feature set the count is for.</param>
/// <param name="Count">Guests that fit.</param>
/// <param name="NextSlowdown">The worst slowdown with one guest more, or null when <see cref="HostCommand.MaxGuests"/> fit.</param>
/// <param name="NextSlowest">The guest that slowdown is of.</param>
public sealed record HostFit(string Label, int Count, double? NextSlowdown, string? NextSlowest)
{
    /// <summary>The most a guest may lose against running alone for the host to count as holding it.</summary>
    public const double MaxSlowdown = 0.05;

    /// <summary>
    /// Adds guests of <paramref name="spec"/> (guest n with seed + n − 1) one at a time, each run for
    /// <paramref name="durationNs"/>, until one more would slow a guest by more than 5%.
    /// </summary>
    public static HostFit Find(string label, HostOptions host, Func<int, GuestSpec> spec, BalloonPolicy policy, long durationNs, Action<int>? trying = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var alone = new List<double>();
        for (int count = 1; count <= HostCommand.MaxGuests; count++)
        {
            trying?.Invoke(count);
            GuestSpec[] guests = [.. Enumerable.Range(1, count).Select(spec)];
            while (alone.Count < count)
            {
                alone.Add(HostRun.Alone(guests[alone.Count].Options, durationNs));
            }

            var machine = new HostMachine(host, [.. guests.Select(g => g.Options)], policy);
            machine.Step(durationNs);
            (double worst, int slowest) = Enumerable.Range(0, count)
                .Select(i => (Slowdown: alone[i] > 0 ? 1 - (machine.Guests[i].Workload.UnitsDone / alone[i]) : 0, Index: i))
                .MaxBy(t => t.Slowdown);
            if (worst > MaxSlowdown)
            {
                return new HostFit(label, count - 1, worst, guests[slowest].Name);
            }
        }

        return new HostFit(label, HostCommand.MaxGuests, null, null);
    }

    /// <summary>The fit as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["features"] = Label,
        ["guestsThatFit"] = Count,
        ["nextSlowdown"] = NextSlowdown,
        ["nextSlowestGuest"] = NextSlowest,
    };
}
