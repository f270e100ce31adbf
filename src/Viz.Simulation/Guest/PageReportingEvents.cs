using Viz.Simulation.Core;

namespace Viz.Simulation.Guest;

/// <summary>The page reporting state changed.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Old">Old state.</param>
/// <param name="New">New state.</param>
public sealed record PageReportingStateChanged(long TimeNs, PageReportingState Old, PageReportingState New) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "report";

    /// <inheritdoc/>
    public override string Describe() => $"page reporting {Old} -> {New}";
}

/// <summary>A reporting pass skipped the zone: too little free memory above the low watermark.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="FreePages">Free pages.</param>
/// <param name="ThresholdPages">What the zone needed: low + 32 × 2^order.</param>
public sealed record PageReportingZoneSkipped(long TimeNs, long FreePages, long ThresholdPages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "report";

    /// <inheritdoc/>
    public override string Describe() => $"page reporting skipped the zone: {FreePages} free pages, needs more than {ThresholdPages}";
}

/// <summary>A reported batch came back: blocks put back at their lists' tails and, if the report succeeded, marked.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Blocks">Blocks in the batch.</param>
/// <param name="Marked">Blocks marked PG_reported (the others merged on putback).</param>
public sealed record PageReportingDrained(long TimeNs, int Blocks, int Marked) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "report";

    /// <inheritdoc/>
    public override string Describe() => $"page reporting drained {Blocks} blocks, {Marked} marked reported";
}
