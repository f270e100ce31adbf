namespace Viz.Simulation.Virtio;

/// <summary>Where a virtqueue delivers the buffers the device returns (its device, which interrupts the driver).</summary>
public interface IUsedBufferSink
{
    /// <summary>The device returned <paramref name="message"/> on <paramref name="queue"/>.</summary>
    void OnBufferUsed(Virtqueue queue, VirtqueueMessage message);
}
