using Viz.Simulation.Core;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Machine;

/// <summary>
/// oVirt's Memory Overcommitment Manager auto-balloon policy (oVirt/mom doc/balloon.rules, with the intervals of
/// doc/mom-balloon.conf), driving the balloons of a host's guests from the host's free memory and each guest's
/// statistics. Every 5 s (host- and guest-monitor-interval) it samples the host's free memory and each guest's current
/// memory (RAM less its balloon, libvirt's currentMemory) and unused memory (the MEMFREE statistic from the guest's
/// stats queue, polled every 5 s as libvirt's memoryStats period is set to MoM's interval); it keeps the last 10
/// samples (sample-history-length) for its averages. Every 10 s (policy-engine-interval): when the host's free share
/// is below 20% (pressure_threshold) every guest is shrunk by at most 5% of its memory (max_balloon_change_percent) but
/// not below what it uses plus a free share scaled to the host's pressure (min_guest_free_percent 20% × host free /
/// 20%; below 5% free, pressure_critical, that share turns negative so the guest swaps); otherwise every ballooned
/// guest grows by 5% towards its full memory, to at least what it uses plus 20% free. Changes under 0.25% of the guest
/// (min_balloon_change_percent) are not made.
/// </summary>
/// <remarks>
/// Simplified: balloon_min, libvirt's memtune min_guarantee, is taken as the guest's whole memory (libvirt reports 0
/// without one, which lets the rules shrink a guest with no floor at all); grow_guest reads guest_free_percent, which
/// the rules define only inside shrink_guest, as min_guest_free_percent; MoM's host mem_free is the host memory no guest
/// holds.
/// </remarks>
public sealed class MomBalloonPolicy
{
    /// <summary>host-monitor-interval and guest-monitor-interval.</summary>
    public const long SampleIntervalNs = 5 * Units.SimDuration.NsPerSecond;

    /// <summary>policy-engine-interval.</summary>
    public const long PolicyIntervalNs = 10 * Units.SimDuration.NsPerSecond;

    private const int SampleHistory = 10;
    private const double PressureThreshold = 0.20;
    private const double PressureCritical = 0.05;
    private const double MinGuestFreePercent = 0.20;
    private const double MaxBalloonChangePercent = 0.05;
    private const double MinBalloonChangePercent = 0.0025;

    // shrink_guest under critical pressure: "Force guest to swap by making free memory negative",
    // guest_free_percent = (+ -0.05 host_free_percent).
    private const double CriticalFreeOffset = -0.05;

    private readonly HostMachine _host;
    private readonly Queue<double> _hostFree = new();
    private readonly List<(GuestMachine Guest, Queue<double> Current, Queue<double> Unused)> _guests = [];

    /// <summary>Starts the policy on <paramref name="host"/>, whose guests' devices poll statistics (see <see cref="StatsPollingIntervalNs"/>).</summary>
    internal MomBalloonPolicy(HostMachine host)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        foreach (GuestMachine guest in host.Guests)
        {
            _guests.Add((guest, new Queue<double>(), new Queue<double>()));
        }

        host.Queue.ScheduleAfter(SampleIntervalNs, Sample);
        host.Queue.ScheduleAfter(PolicyIntervalNs, Evaluate);
    }

    /// <summary>The stats polling interval a guest's device needs for the policy (libvirt sets it to MoM's guest-monitor-interval).</summary>
    public static long StatsPollingIntervalNs => SampleIntervalNs;

    /// <summary>Balloon targets the policy set so far.</summary>
    public int TargetsSet { get; private set; }

    private long HostPages => _host.Host.CapacityPages ?? 0;

    private void Sample()
    {
        Push(_hostFree, HostPages - _host.Host.ResidentPages);
        foreach ((GuestMachine guest, Queue<double> current, Queue<double> unused) in _guests)
        {
            if (guest.Balloon.Backend.LastStats.FirstOrDefault(s => s.Tag == BalloonStatTag.MemFree) is { Tag: BalloonStatTag.MemFree } free)
            {
                Push(current, CurrentPages(guest));
                Push(unused, free.Value / (double)Memory.KernelConstants.PageSize);
            }
        }

        _host.Queue.ScheduleAfter(SampleIntervalNs, Sample);
    }

    private void Evaluate()
    {
        if (_hostFree.Count > 0 && HostPages > 0)
        {
            double hostFreePercent = _hostFree.Average() / HostPages;
            foreach ((GuestMachine guest, Queue<double> current, Queue<double> unused) in _guests)
            {
                if (current.Count == 0)
                {
                    continue;
                }

                double used = current.Average() - unused.Average();
                double? target = hostFreePercent < PressureThreshold
                    ? Shrink(CurrentPages(guest), guest.Kernel.Memory.PageCount, used, hostFreePercent)
                    : Grow(CurrentPages(guest), guest.Kernel.Memory.PageCount, used);
                if (target is double pages)
                {
                    guest.Balloon.SetTargetPages(guest.Kernel.Memory.PageCount - (long)pages);
                    TargetsSet++;
                }
            }
        }

        _host.Queue.ScheduleAfter(PolicyIntervalNs, Evaluate);
    }

    /// <summary>shrink_guest: the new current memory, or null for no change.</summary>
    private static double? Shrink(double current, double max, double used, double hostFreePercent)
    {
        double guestFreePercent = hostFreePercent <= PressureCritical
            ? CriticalFreeOffset + hostFreePercent
            : MinGuestFreePercent * (hostFreePercent / PressureThreshold);
        double floor = Math.Min(max, used + (guestFreePercent * current));
        double size = Math.Max(current * (1 - MaxBalloonChangePercent), floor);
        return size <= current && BigEnough(current, size) ? size : null;
    }

    /// <summary>grow_guest: the new current memory, or null for no change.</summary>
    private static double? Grow(double current, double max, double used)
    {
        if (current >= max)
        {
            return null;
        }

        double floor = Math.Min(max, used + (MinGuestFreePercent * current));
        double size = Math.Max(Math.Min(current * (1 + MaxBalloonChangePercent), max), floor);
        return BigEnough(current, size) ? size : null;
    }

    private static bool BigEnough(double current, double size) => Math.Abs(size - current) > MinBalloonChangePercent * current;

    private static double CurrentPages(GuestMachine guest) => guest.Kernel.Memory.PageCount - (double)guest.Balloon.Device.Config.Actual;

    private static void Push(Queue<double> samples, double value)
    {
        samples.Enqueue(value);
        if (samples.Count > SampleHistory)
        {
            samples.Dequeue();
        }
    }
}
