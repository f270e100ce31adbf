using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Migration;

/// <summary>What a migration works on: the guest's memory and vCPUs, the host's backing of it, the clock and the bus.</summary>
public sealed record MigrationSource
{
    /// <summary>The virtual clock the migration thread runs on.</summary>
    public required EventScheduler Clock { get; init; }

    /// <summary>Where the migration publishes its events.</summary>
    public required EventBus Events { get; init; }

    /// <summary>The guest: its memory, its poisoning (which free pages it observes) and its vCPUs.</summary>
    public required GuestKernel Guest { get; init; }

    /// <summary>The source host's backing of the guest's RAM and KVM's dirty log.</summary>
    public required GuestRamBacking Ram { get; init; }

    /// <summary>The guest's work, to show what the migration cost it.</summary>
    public required IWorkProgress Work { get; init; }

    /// <summary>Who hears the precopy notifier (QEMU's precopy_add_notifier list).</summary>
    public required IReadOnlyList<IPrecopyListener> PrecopyListeners { get; init; }

    /// <summary>Who is told when the migration ends.</summary>
    public required IMigrationObserver Owner { get; init; }
}

/// <summary>Who is told when a migration ends (the machine, which starts the next one of a ping-pong).</summary>
public interface IMigrationObserver
{
    /// <summary>The migration ended: completed, cancelled or not converged.</summary>
    void OnMigrationEnded(MigrationEngine migration);
}
