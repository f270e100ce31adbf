
namespace Viz.Simulation.Guest;

/// <summary>The reporting device's state (mm/page_reporting.c PAGE_REPORTING_IDLE/REQUESTED/ACTIVE).</summary>
public enum PageReportingState
{
    /// <summary>No pass scheduled or running.</summary>
    Idle,

    /// <summary>A pass was asked for (a qualifying free, or a pass ran out of budget).</summary>
    Requested,

    /// <summary>A pass is running.</summary>
    Active,
}
