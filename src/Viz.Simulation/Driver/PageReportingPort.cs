using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The driver's page reporting device (vb->pr_dev_info with virtballoon_free_page_report): each batch goes as one chain
/// of in buffers on reporting_vq; the device's ack completes the report.
/// </summary>
public sealed class PageReportingPort(BalloonDevice device) : IPageReportingDevice
{
    /// <inheritdoc/>
    public bool Report(IReadOnlyList<FreeBlock> blocks)
    {
        // WARN_ON_ONCE(err) when the chain does not fit: the caller drains the batch without marking it.
        if (!device.Queue(VirtqueueKind.Reporting)!.TryAdd(new ReportMessage(blocks)))
        {
            return false;
        }

        device.Kick(VirtqueueKind.Reporting);
        return true;
    }
}
