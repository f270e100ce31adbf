using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>
/// What page reporting calls to report a batch (struct page_reporting_dev_info .report): the device takes the blocks,
/// and once it has acknowledged them its driver calls <see cref="PageReportingWorker.ReportCompleted"/>.
/// </summary>
public interface IPageReportingDevice
{
    /// <summary>Reports <paramref name="blocks"/>; returns false when the device could not take them (no completion follows).</summary>
    bool Report(IReadOnlyList<FreeBlock> blocks);
}
