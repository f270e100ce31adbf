using Viz.Simulation.Migration;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Machine;

/// <summary>A whole headless migration: boot, let the workload settle, migrate, run until the migration ends.</summary>
public static class MigrationRun
{
    /// <summary>How long a migration may run in simulated time before the run gives up on it (outcome: not converged).</summary>
    public const long MaxMigrationNs = 3600 * SimDuration.NsPerSecond;

    /// <summary>
    /// Runs the guest for <paramref name="startAfterNs"/> (null: until its workload settles), starts a migration and
    /// runs until it ends. <paramref name="progress"/>, if given, hears the migration about every simulated 100 ms.
    /// </summary>
    public static MigrationResult Execute(
        SimulationOptions options, MigrationParameters parameters, long? startAfterNs, Action<MigrationEngine>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        var simulation = new GuestMachine(options);
        simulation.SettleUnless(startAfterNs);
        simulation.Enqueue(new StartMigrationCommand(parameters with { PingPong = false }));
        simulation.Step(0);
        MigrationEngine migration = simulation.Migration!;
        long deadline = simulation.NowNs + MaxMigrationNs;
        while (migration.IsActive && simulation.NowNs < deadline)
        {
            simulation.Step(100 * SimDuration.NsPerMs);
            progress?.Invoke(migration);
        }

        if (migration.IsActive)
        {
            migration.GiveUp();
        }

        return migration.Result!;
    }
}
