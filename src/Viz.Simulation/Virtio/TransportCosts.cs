
namespace Viz.Simulation.Virtio;

/// <summary>
/// The latencies of the virtio transport between the guest driver and the device. Fitted estimates of the right order
/// of magnitude for a current x86 host, not measurements.
/// </summary>
public sealed record TransportCosts
{
    /// <summary>
    /// From the driver's kick to the device handling the queue: an ioeventfd exit and the QEMU thread waking.
    /// </summary>
    public long KickNs { get; init; } = 10_000;

    /// <summary>From the device pushing a used buffer to the driver's callback running: an interrupt injection.</summary>
    public long InterruptNs { get; init; } = 10_000;

    /// <summary>The defaults.</summary>
    public static TransportCosts Default { get; } = new();
}
