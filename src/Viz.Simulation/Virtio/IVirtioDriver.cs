namespace Viz.Simulation.Virtio;

/// <summary>
/// The driver bound to a virtio device instance, as the device interrupts it: the config-change handler and the
/// callbacks of its virtqueues (Linux: virtio_driver.config_changed and the vq callbacks given to virtio_find_vqs).
/// </summary>
public interface IVirtioDriver
{
    /// <summary>The device raised a config interrupt.</summary>
    void OnConfigChange();

    /// <summary>The device returned <paramref name="message"/> on <paramref name="queue"/>.</summary>
    void OnBufferUsed(VirtqueueKind queue, VirtqueueMessage message);
}
