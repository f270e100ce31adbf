using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>
/// What page reporting calls to report a batch (struct page_reporting_dev_info .report): the device takes the blocks
/// and calls <c>completed</c> with whether the report succeeded once it has acknowledged them.
/// </summary>
public interface IPageReportingDevice
{
    /// <summary>Reports <paramref name="blocks"/>; calls <paramref name="completed"/> when the device is done with them.</summary>
    void Report(IReadOnlyList<FreeBlock> blocks, Action<bool> completed);
}
