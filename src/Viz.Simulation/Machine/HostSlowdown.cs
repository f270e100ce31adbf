using Viz.Simulation.Host;
using Viz.Simulation.Units;

namespace Viz.Simulation.Machine;

/// <summary>
/// What sharing a host costs a guest: its workload's progress against the same guest (same options and seed) alone on a
/// host without limits for as long, and how many guests of one kind a host holds before that cost gets too high.
/// </summary>
public static class HostSlowdown
{
    /// <summary>
    /// The progress the guest of <paramref name="options"/> makes in <paramref name="durationNs"/> alone, on a host
    /// without limits; <paramref name="progress"/> hears the simulated time done after each simulated second.
    /// </summary>
    public static double ProgressAlone(SimulationOptions options, long durationNs, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var guest = new GuestMachine(options with { Host = options.Host with { CapacityBytes = null, SwapBytes = null } });
        while (guest.NowNs < durationNs)
        {
            guest.Step(Math.Min(SimDuration.NsPerSecond, durationNs - guest.NowNs));
            progress?.Invoke(guest.NowNs);
        }

        return guest.Workload.UnitsDone;
    }

    /// <summary>The share of its progress alone that a guest lost, or null for a workload that makes none alone (idle).</summary>
    public static double? Of(double done, double alone) => alone > 0 ? 1 - (done / alone) : null;

    /// <summary>
    /// Adds guests one at a time — guest n as <paramref name="guest"/>(n), from 1 — each set run together for
    /// <paramref name="durationNs"/>, until one more would slow some guest by more than <paramref name="maxSlowdown"/>
    /// against running alone, or <paramref name="maxGuests"/> fit. <paramref name="trying"/> hears each count tried.
    /// </summary>
    public static HostFitResult Fit(
        HostOptions host, Func<int, SimulationOptions> guest, BalloonPolicy policy, long durationNs, int maxGuests, double maxSlowdown, Action<int>? trying = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guest);
        var alone = new List<double>();
        for (int count = 1; count <= maxGuests; count++)
        {
            trying?.Invoke(count);
            SimulationOptions[] guests = [.. Enumerable.Range(1, count).Select(guest)];
            while (alone.Count < count)
            {
                alone.Add(ProgressAlone(guests[alone.Count], durationNs));
            }

            var machine = new HostMachine(host, guests, policy);
            machine.Step(durationNs);
            (double worst, int slowest) = Enumerable.Range(0, count)
                .Select(i => (Slowdown: Of(machine.Guests[i].Workload.UnitsDone, alone[i]) ?? 0, Index: i))
                .MaxBy(t => t.Slowdown);
            if (worst > maxSlowdown)
            {
                return new HostFitResult(count - 1, worst, slowest);
            }
        }

        return new HostFitResult(maxGuests, null, null);
    }
}

/// <summary>How many guests fit, and what one more would do.</summary>
/// <param name="Count">Guests that fit.</param>
/// <param name="NextSlowdown">The worst slowdown with one guest more, or null when the most tried fit.</param>
/// <param name="NextSlowest">The index of the guest that slowdown is of.</param>
public sealed record HostFitResult(int Count, double? NextSlowdown, int? NextSlowest);
