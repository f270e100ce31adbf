using System.Collections.Immutable;
using System.Globalization;
using Viz.Simulation.Machine;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>The host's swap traffic measured over about a simulated second, for the host view's I/O figures.</summary>
/// <param name="SinceNs">Start of the window.</param>
/// <param name="SwapOuts">Pages swapped out by then.</param>
/// <param name="SwapIns">Pages swapped in by then.</param>
/// <param name="OutPerSecond">The last window's swap-outs per second.</param>
/// <param name="InPerSecond">The last window's swap-ins per second.</param>
internal readonly record struct HostRate(long SinceNs, long SwapOuts, long SwapIns, double OutPerSecond, double InPerSecond)
{
    /// <summary>The rate with the counters at <paramref name="nowNs"/>: a new window once a simulated second has passed.</summary>
    public HostRate Next(long nowNs, long swapOuts, long swapIns)
    {
        long span = nowNs - SinceNs;
        if (span < Simulation.Units.SimDuration.NsPerSecond)
        {
            return this;
        }

        double seconds = span / (double)Simulation.Units.SimDuration.NsPerSecond;
        return new HostRate(nowNs, swapOuts, swapIns, (swapOuts - SwapOuts) / seconds, (swapIns - SwapIns) / seconds);
    }
}

/// <summary>Makes the host side of a frame from a host machine, on the simulation's thread.</summary>
internal static class HostFrames
{
    /// <summary>The host of <paramref name="host"/> now, each guest in <paramref name="cells"/> cells.</summary>
    public static HostFrame Build(HostMachine host, int cells, HostRate rate)
    {
        ImmutableArray<HostGuestFrame> guests = [.. host.Guests.Select((guest, i) => Guest(host, guest, i, cells))];
        return new HostFrame
        {
            CapacityPages = host.Host.CapacityPages ?? 0,
            SwappedPages = host.Host.SwappedPages,
            SwapCapacityPages = host.Host.SwapCapacityPages,
            SwapOutPerSecond = rate.OutPerSecond,
            SwapInPerSecond = rate.InPerSecond,
            BalloonPolicy = host.Policy is null ? "none" : "auto",
            Guests = guests,
        };
    }

    private static HostGuestFrame Guest(HostMachine host, GuestMachine guest, int index, int cells)
    {
        int pages = guest.Kernel.Memory.PageCount;
        var window = new GridWindow(0, pages, Math.Clamp(cells, 1, pages));
        var aggregate = new GridAggregate();
        guest.Grid(window.Cells, 0, pages, aggregate);
        var device = guest.Balloon.Device;
        string features = string.Join(", ", new[]
        {
            device.Properties.FreePageReporting ? "reporting" : null,
            device.Properties.FreePageHint ? "hinting" : null,
            guest.Kernel.Poison == Simulation.Memory.PoisonMode.Off ? null : guest.Kernel.Poison.ToString(),
            guest.Kernel.InitOnAlloc ? "init_on_alloc" : null,
        }.OfType<string>());
        return new HostGuestFrame(
            host.Names[index],
            pages,
            $"{guest.Options.Workload} ({guest.Workload.Phase})",
            features.Length == 0 ? "no features" : features,
            host.OnHost(guest) ? guest.HostAccount.ResidentPages : 0,
            guest.Ram.Swapped.SetCount,
            device.Config.Actual,
            string.Create(CultureInfo.InvariantCulture, $"{guest.Workload.UnitsPerSecond:0.##} {guest.Workload.Unit}/s"),
            host.OnHost(guest),
            GridFrame.From(window, aggregate));
    }
}
