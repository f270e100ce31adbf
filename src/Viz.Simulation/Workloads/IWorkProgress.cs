
namespace Viz.Simulation.Workloads;

/// <summary>How far the guest's work has come: what a migration measures to show what it cost the guest.</summary>
public interface IWorkProgress
{
    /// <summary>Work done so far.</summary>
    double UnitsDone { get; }

    /// <summary>Work done per simulated second, over the last full second.</summary>
    double UnitsPerSecond { get; }
}
