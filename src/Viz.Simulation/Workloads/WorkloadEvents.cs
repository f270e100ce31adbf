using Viz.Simulation.Core;

namespace Viz.Simulation.Workloads;

/// <summary>A workload allocated a run of memory in one tick.</summary>
public sealed record AllocationBurst(long TimeNs, string Source, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "alloc";

    /// <inheritdoc/>
    public override string Describe() => $"{Source} allocated {Pages} pages";
}

/// <summary>A workload freed a run of memory in one tick.</summary>
public sealed record FreeBurst(long TimeNs, string Source, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "free";

    /// <inheritdoc/>
    public override string Describe() => $"{Source} freed {Pages} pages";
}

/// <summary>A workload entered a new phase (hog: allocating, holding, freeing, done; ...).</summary>
public sealed record WorkloadPhaseChanged(long TimeNs, string Workload, string Phase) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "workload";

    /// <inheritdoc/>
    public override string Describe() => $"{Workload}: {Phase}";
}
