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
    /// Adds guests of <paramref name="spec"/> (guest n with seed + n − 1) one at a time, each set run for
    /// <paramref name="durationNs"/>, until one more would slow a guest by more than 5% (<see cref="HostSlowdown.Fit"/>).
    /// </summary>
    public static HostFit Find(string label, HostOptions host, Func<int, GuestSpec> spec, BalloonPolicy policy, long durationNs, Action<int>? trying = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        HostFitResult fit = HostSlowdown.Fit(host, n => spec(n).Options, policy, durationNs, HostCommand.MaxGuests, MaxSlowdown, trying);
        return new HostFit(label, fit.Count, fit.NextSlowdown, fit.NextSlowest is int slowest ? spec(slowest + 1).Name : null);
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
