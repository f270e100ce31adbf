using Viz.Simulation.Guest;

namespace Viz.Simulation.Workloads;

/// <summary>Builds the workload a spec names.</summary>
public static class WorkloadFactory
{
    /// <summary>Starts the workload <paramref name="spec"/> describes.</summary>
    public static Workload Create(WorkloadSpec spec, WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            WorkloadKind.Idle => new IdleWorkload(spec, context),
            WorkloadKind.Build => new BuildWorkload(spec, context),
            WorkloadKind.Hog => new HogWorkload(spec, context),
            WorkloadKind.PageCache => new PageCacheWorkload(spec, context),
            WorkloadKind.Freed => new FreedWorkload(spec, context),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown workload"),
        };
    }
}
