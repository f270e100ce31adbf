
namespace Viz.Simulation.Migration;

/// <summary>Where a migration is.</summary>
public enum MigrationPhase
{
    /// <summary>Setting up: bitmap, dirty logging, first sync.</summary>
    Setup,

    /// <summary>Sending dirty pages while the guest runs.</summary>
    Iterating,

    /// <summary>The guest is stopped and the rest is sent.</summary>
    StopAndCopy,

    /// <summary>Done: the guest runs on the destination.</summary>
    Completed,

    /// <summary>Cancelled by the user.</summary>
    Cancelled,

    /// <summary>Gave up: the guest dirtied memory faster than it could be sent.</summary>
    NotConverged,
}
