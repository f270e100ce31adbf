using Viz.Simulation.Core;
using Viz.Simulation.Driver;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Machine;

/// <summary>
/// One guest's virtio-balloon as a whole: the host backend, which lives as long as the VM (QEMU's device object: its
/// hint command id survives resets), and the device instance and driver of the current negotiation, which a change of
/// device properties replaces (driver removal, device reset, a new probe — as a VM restarted with other properties).
/// </summary>
public sealed class VirtioBalloon
{
    private readonly GuestKernel _kernel;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private long _generation;

    /// <summary>Creates the balloon of <paramref name="guest"/> on <paramref name="host"/> and probes the driver.</summary>
    public VirtioBalloon(GuestKernel kernel, HostMemory host, HostGuestAccount guest, DeviceProperties properties, BalloonFeatures driverSupported, EventScheduler clock, EventBus events, IFreePageHintSink hintSink, FreePageHintConsumer hintConsumer = FreePageHintConsumer.Migration)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        Host = host ?? throw new ArgumentNullException(nameof(host));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        DriverSupported = driverSupported;
        Backend = new BalloonBackend(host, guest, clock, events, hintSink, hintConsumer);
        (Device, Driver) = Bind(properties ?? throw new ArgumentNullException(nameof(properties)));
    }

    /// <summary>The host.</summary>
    public HostMemory Host { get; }

    /// <summary>The host side of the device.</summary>
    public BalloonBackend Backend { get; }

    /// <summary>The features the guest driver supports.</summary>
    public BalloonFeatures DriverSupported { get; }

    /// <summary>The current device instance.</summary>
    public BalloonDevice Device { get; private set; }

    /// <summary>The current driver.</summary>
    public BalloonDriver Driver { get; private set; }

    /// <summary>The host's hint state machine: the migration engine calls Start, Stop and Done and listens to Hinted.</summary>
    public HintStateMachine Hints => Backend.Hints;

    /// <summary>
    /// A new set of device properties, as a VM restarted with them: the driver is removed (balloon deflated, hints
    /// returned), the device reset, and driver and a fresh device (balloon target 0) negotiate again.
    /// </summary>
    public void Reconfigure(DeviceProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        Driver.Remove();
        _events.Publish(new DeviceReset(_clock.NowNs, properties));
        (Device, Driver) = Bind(properties);
    }

    /// <summary>
    /// A guest reboot in the same VM: the driver is removed and the device reset; <paramref name="kernelChange"/> runs
    /// while no driver is bound (new kernel options); then the driver probes again against the same properties. The
    /// host's balloon target survives (QEMU keeps num_pages across a reset), so the new driver inflates towards it.
    /// </summary>
    public void Reboot(Action kernelChange)
    {
        ArgumentNullException.ThrowIfNull(kernelChange);
        uint target = Device.Config.NumPages;
        Driver.Remove();
        kernelChange();
        _events.Publish(new DeviceReset(_clock.NowNs, Device.Properties));
        (Device, Driver) = Bind(Device.Properties);
        if (target != 0)
        {
            Device.SetTarget(target);
        }
    }

    /// <summary>
    /// The host asks for a balloon of <paramref name="pages"/> 4 KiB pages (QEMU's balloon command sets
    /// num_pages = (ram_size − target) / 4096, clamped to the guest's RAM).
    /// </summary>
    public void SetTargetPages(long pages)
    {
        long clamped = Math.Clamp(pages, 0, _kernel.Memory.PageCount);
        Device.SetTarget((uint)clamped);
    }

    private (BalloonDevice Device, BalloonDriver Driver) Bind(DeviceProperties properties)
    {
        NegotiationResult negotiation = FeatureNegotiation.Negotiate(properties.Offered(), DriverSupported, _kernel.Poison);
        var device = new BalloonDevice(properties, negotiation, Backend, TransportCosts.Default, _clock, _events);
        _events.Publish(new FeaturesNegotiated(_clock.NowNs, negotiation));
        var driver = new BalloonDriver(_kernel, device, _clock, _events);
        driver.Probe();
        _generation++;
        if (device.Has(BalloonFeatures.StatsVq) && properties.StatsPollingIntervalNs > 0)
        {
            SchedulePoll(device, properties.StatsPollingIntervalNs, _generation);
        }

        return (device, driver);
    }

    /// <summary>QEMU's stats timer (balloon_stats_poll_cb): every interval the device returns the held buffer.</summary>
    private void SchedulePoll(BalloonDevice device, long intervalNs, long generation) =>
        _clock.ScheduleAfter(intervalNs, () =>
        {
            if (generation != _generation)
            {
                return;
            }

            device.RequestStats();
            SchedulePoll(device, intervalNs, generation);
        });
}
