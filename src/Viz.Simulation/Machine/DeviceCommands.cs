using Viz.Simulation.Host;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Machine;

/// <summary>
/// Changes the balloon device's properties at run time: a device reset and a new negotiation, as when the VM is
/// restarted with other device properties.
/// </summary>
/// <param name="Properties">The new properties.</param>
public sealed record SetDevicePropertiesCommand(DeviceProperties Properties) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!machine.VmRunning)
        {
            machine.OnGuest(() => machine.Balloon.Reconfigure(Properties));
            return $"device {Properties}{machine.WaitNote}";
        }

        machine.Balloon.Reconfigure(Properties);
        return $"device {Properties}: negotiated {BalloonFeatureSet.Format(machine.Balloon.Device.Features)}";
    }
}

/// <summary>The host sets the balloon target: the balloon should hold <paramref name="Bytes"/> of guest memory.</summary>
/// <param name="Bytes">Balloon size in bytes (rounded down to 4 KiB pages).</param>
public sealed record SetBalloonTargetCommand(long Bytes) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        machine.Balloon.SetTargetPages(Bytes / KernelConstants.PageSize);
        return $"balloon target {ByteSize.Format(machine.Balloon.Device.Config.NumPages * (long)KernelConstants.PageSize)}";
    }
}

/// <summary>What the host does with free page hinting (the calls QEMU's migration code makes).</summary>
public enum HintAction
{
    /// <summary>virtio_balloon_free_page_start: a new command id.</summary>
    Start,

    /// <summary>virtio_balloon_free_page_stop.</summary>
    Stop,

    /// <summary>virtio_balloon_free_page_done: the guest may take its hinted pages back.</summary>
    Done,
}

/// <summary>Drives the host's free page hint state machine by hand.</summary>
/// <param name="Action">What to do.</param>
public sealed record HintCommand(HintAction Action) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Host.HintStateMachine hints = machine.Balloon.Hints;
        switch (Action)
        {
            case HintAction.Start:
                hints.Start();
                break;
            case HintAction.Stop:
                hints.Stop();
                break;
            case HintAction.Done:
                hints.Done();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(machine), Action, "unknown hint action");
        }

        return $"free page hint {Action}: status {hints.Status}, cmd id {hints.CmdId:x8}";
    }
}

/// <summary>
/// Firecracker's hinting API: start a hint run (PATCH /balloon/hinting/start {acknowledge_on_stop}) or stop it
/// (PATCH /balloon/hinting/stop: DONE, the guest frees its blocks). Only in Discard mode; GET /balloon/hinting/status is
/// the features panel's hinting line and run's JSON.
/// </summary>
/// <param name="Start">Start a run (true) or stop it (false).</param>
/// <param name="AcknowledgeOnStop">With a start: say DONE as soon as the guest's STOP ends the run (Firecracker's default).</param>
public sealed record HintRunCommand(bool Start, bool AcknowledgeOnStop = true) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Host.BalloonBackend backend = machine.Balloon.Backend;
        if (backend.Consumer != Host.FreePageHintConsumer.Discard)
        {
            return "hint runs are Firecracker's (host hint mode discard); QEMU hints only during a migration";
        }

        if (!Start)
        {
            backend.Hints.Done();
            return "hint run stopped: DONE, the guest frees its hinted blocks";
        }

        backend.AcknowledgeOnStop = AcknowledgeOnStop;
        backend.Hints.Start();
        return $"hint run {backend.Hints.CmdId} started{(AcknowledgeOnStop ? ", DONE when the guest stops" : string.Empty)}";
    }
}
