using Viz.Simulation.Core;

namespace Viz.Simulation.Virtio;

/// <summary>The driver added a buffer to a virtqueue.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Queue">Queue name.</param>
/// <param name="Message">What the buffer carries.</param>
public sealed record VirtqueueBufferAdded(long TimeNs, string Queue, VirtqueueMessage Message) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "vq";

    /// <inheritdoc/>
    public override string Describe() => $"{Queue} <- {Message.Describe()}";
}

/// <summary>The device returned a buffer to the driver.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Queue">Queue name.</param>
/// <param name="Message">What the buffer carried.</param>
public sealed record VirtqueueBufferUsed(long TimeNs, string Queue, VirtqueueMessage Message) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "vq";

    /// <inheritdoc/>
    public override string Describe() => $"{Queue} -> used: {Message.Describe()}";
}

/// <summary>A config space field changed.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Field">The field (num_pages, actual, free_page_hint_cmd_id, poison_val).</param>
/// <param name="Old">Its old value.</param>
/// <param name="New">Its new value.</param>
/// <param name="Writer">Who wrote it: device or driver.</param>
public sealed record ConfigChanged(long TimeNs, string Field, uint Old, uint New, string Writer) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "config";

    /// <inheritdoc/>
    public override string Describe() => $"config {Field}: {Old:x} -> {New:x} ({Writer})";
}

/// <summary>Driver and device negotiated features (at probe, after a reset).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Result">The outcome.</param>
public sealed record FeaturesNegotiated(long TimeNs, NegotiationResult Result) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "features";

    /// <inheritdoc/>
    public override string Describe() =>
        $"features offered {BalloonFeatureSet.Format(Result.Offered)}, negotiated {BalloonFeatureSet.Format(Result.Negotiated)}"
        + (Result.Notes.Count > 0 ? "; " + string.Join("; ", Result.Notes) : string.Empty);
}

/// <summary>The device was reset and the driver removed (a VM restart with other device properties).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Properties">The new device properties.</param>
public sealed record DeviceReset(long TimeNs, DeviceProperties Properties) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "features";

    /// <inheritdoc/>
    public override string Describe() => $"device reset, new properties {Properties}";
}

/// <summary>The driver noticed something worth a log line (dev_info / dev_warn in the real driver).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Message">The line.</param>
public sealed record DriverMessage(long TimeNs, string Message) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "driver";

    /// <inheritdoc/>
    public override string Describe() => $"virtio_balloon: {Message}";
}

/// <summary>The hinting driver gave hinted blocks back to the page allocator.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Blocks">How many 4 MiB blocks.</param>
/// <param name="Reason">DONE, shrinker, or driver removal.</param>
public sealed record HintBlocksReturned(long TimeNs, long Blocks, string Reason) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "hint";

    /// <inheritdoc/>
    public override string Describe() => $"{Blocks} hinted block{(Blocks == 1 ? string.Empty : "s")} returned to the guest ({Reason})";
}

/// <summary>
/// The driver and the device number a queue differently (Linux's init_vqs counts negotiated features, QEMU's realize
/// offered ones): the driver's queue at <paramref name="Index"/> is the device's <paramref name="DeviceQueue"/>.
/// </summary>
/// <param name="TimeNs">When (probe).</param>
/// <param name="Index">The queue index.</param>
/// <param name="DriverQueue">What the driver uses it as.</param>
/// <param name="DeviceQueue">What the device has there.</param>
public sealed record VirtqueueIndexMismatch(long TimeNs, int Index, string DriverQueue, string DeviceQueue) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "device";

    /// <inheritdoc/>
    public override string Describe() =>
        $"queue {Index}: the driver uses it as {DriverQueue}, the device has {DeviceQueue} there (indices from negotiated vs offered features)";
}
