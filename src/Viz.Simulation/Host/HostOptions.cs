
namespace Viz.Simulation.Host;

/// <summary>
/// The host a guest runs on: its memory and swap (shared by every guest on it) and what this guest's QEMU does with
/// discards and hints.
/// </summary>
public sealed record HostOptions
{
    /// <summary>Host memory available to guests, in bytes; null for unlimited (no swapping).</summary>
    public long? CapacityBytes { get; init; }

    /// <summary>The host's swap device's size, in bytes; null for as much as the guests need.</summary>
    public long? SwapBytes { get; init; }

    /// <summary>
    /// Ballooning inhibited (qemu_balloon_is_inhibited: RAM discard disabled, e.g. by VFIO; incoming postcopy;
    /// background snapshot): inflate and reports are acknowledged but nothing is discarded.
    /// </summary>
    public bool DiscardInhibited { get; init; }

    /// <summary>
    /// The unsafe what-if: the host discards reported pages even when poison_val is not zero, as QEMU's
    /// virtio_balloon_handle_report must not. The guest's next poison check then finds zeroes.
    /// </summary>
    public bool UnsafeDiscard { get; init; }

    /// <summary>What the host does with free page hints: QEMU's migration (the default) or Firecracker's discard runs.</summary>
    public FreePageHintConsumer HintConsumer { get; init; } = FreePageHintConsumer.Migration;

    /// <summary>Host time costs.</summary>
    public HostCosts Costs { get; init; } = HostCosts.Default;
}
