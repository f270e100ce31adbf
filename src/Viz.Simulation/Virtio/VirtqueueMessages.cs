using System.Globalization;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Virtio;

/// <summary>A buffer (descriptor chain) the driver adds to a virtqueue, in the terms of what it carries.</summary>
public abstract record VirtqueueMessage
{
    /// <summary>Descriptors the buffer occupies in the ring: one per scatter-gather entry.</summary>
    public virtual int Descriptors => 1;

    /// <summary>One line for a protocol trace.</summary>
    public abstract string Describe();
}

/// <summary>
/// An array of 32-bit page frame numbers (4 KiB units, VIRTIO_BALLOON_PFN_SHIFT) on inflateq or deflateq: one
/// device-readable buffer of up to 256 entries (drivers/virtio/virtio_balloon.c tell_host, VIRTIO_BALLOON_ARRAY_PFNS_MAX).
/// </summary>
/// <param name="Pfns">The page frames.</param>
public sealed record PfnArrayMessage(IReadOnlyList<int> Pfns) : VirtqueueMessage
{
    /// <inheritdoc/>
    public override string Describe() => $"{Pfns.Count} pfns" + (Pfns.Count > 0 ? $" from {Pfns[0]:x}" : string.Empty);
}

/// <summary>One statistics buffer on statsq: 10-byte entries of a u16 tag and a u64 value.</summary>
/// <param name="Stats">The entries.</param>
public sealed record StatsMessage(IReadOnlyList<BalloonStat> Stats) : VirtqueueMessage
{
    /// <inheritdoc/>
    public override string Describe() =>
        string.Join(" ", Stats.Select(stat => string.Create(CultureInfo.InvariantCulture, $"{stat.Tag}={stat.Value}")));
}

/// <summary>A 4-byte device-readable buffer on free_page_vq holding a hint command id (a run id, or STOP = 0).</summary>
/// <param name="CmdId">The id.</param>
public sealed record HintCommandMessage(uint CmdId) : VirtqueueMessage
{
    /// <inheritdoc/>
    public override string Describe() => CmdId == HintCommandIds.Stop ? "cmd id STOP" : $"cmd id {CmdId:x8}";
}

/// <summary>One hinted block as a device-writable buffer on free_page_vq (get_free_page_and_send: one 4 MiB entry).</summary>
/// <param name="Pfn">First page.</param>
/// <param name="Order">Block order.</param>
public sealed record HintBlockMessage(int Pfn, int Order) : VirtqueueMessage
{
    /// <inheritdoc/>
    public override string Describe() => $"hint block pfn {Pfn:x} order {Order}";
}

/// <summary>
/// One report on reporting_vq: the whole batch as one device-writable chain, one scatter-gather entry per free block
/// (virtballoon_free_page_report).
/// </summary>
/// <param name="Blocks">The blocks.</param>
public sealed record ReportMessage(IReadOnlyList<FreeBlock> Blocks) : VirtqueueMessage
{
    /// <inheritdoc/>
    public override int Descriptors => Blocks.Count;

    /// <inheritdoc/>
    public override string Describe() => $"report {Blocks.Count} blocks, {Blocks.Sum(block => block.Pages)} pages";
}

/// <summary>The special values of free_page_hint_cmd_id (include/uapi/linux/virtio_balloon.h).</summary>
public static class HintCommandIds
{
    /// <summary>VIRTIO_BALLOON_CMD_ID_STOP.</summary>
    public const uint Stop = 0;

    /// <summary>VIRTIO_BALLOON_CMD_ID_DONE.</summary>
    public const uint Done = 1;
}
