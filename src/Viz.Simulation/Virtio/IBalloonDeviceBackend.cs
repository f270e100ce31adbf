
namespace Viz.Simulation.Virtio;

/// <summary>
/// What a virtio-balloon device instance needs of the host side behind it (QEMU's VirtIOBalloon handlers): the
/// buffers it pops are handed here, and the host tells the current device instance when its config space changes.
/// </summary>
public interface IBalloonDeviceBackend
{
    /// <summary>The free_page_hint_cmd_id the device shows in its config space now (virtio_balloon_get_config).</summary>
    uint HintConfigCmdId { get; }

    /// <summary>
    /// A new device instance after negotiation: from now on the backend reports config changes to <paramref name="device"/>.
    /// </summary>
    void Attach(BalloonDevice device);

    /// <summary>
    /// Handles one buffer popped from <paramref name="queue"/> and returns the host time it took, or -1 when the device
    /// keeps the buffer instead of returning it now (statistics).
    /// </summary>
    long Handle(VirtqueueKind queue, VirtqueueMessage message, uint poisonVal);

    /// <summary>Gives up the held statistics buffer (balloon_stats_poll_cb pushes it back to request a refresh).</summary>
    StatsMessage? TakeHeldStatsBuffer();

    /// <summary>virtio_balloon_device_reset: the device instance is gone; the backend forgets it.</summary>
    void Reset();
}
