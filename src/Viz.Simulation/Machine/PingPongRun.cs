using Viz.Simulation.Migration;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Machine;

/// <summary>
/// What a ping-pong run found: the guest migrated back and forth for a while, next to the same guest left alone.
/// </summary>
public sealed record PingPongResult
{
    /// <summary>Migrations that completed.</summary>
    public required int Migrations { get; init; }

    /// <summary>Their mean total time.</summary>
    public required long MeanTotalTimeNs { get; init; }

    /// <summary>Their mean downtime.</summary>
    public required long MeanDowntimeNs { get; init; }

    /// <summary>Time the guest was stopped in all.</summary>
    public required long TotalDowntimeNs { get; init; }

    /// <summary>Observable pages that differed after any of the migrations.</summary>
    public required long MismatchedPages { get; init; }

    /// <summary>Work the workload did during the ping-pong.</summary>
    public required double WorkDone { get; init; }

    /// <summary>Work the same guest did in the same time without migrating.</summary>
    public required double WorkDoneWithoutMigration { get; init; }

    /// <summary>The unit of work.</summary>
    public required string WorkUnit { get; init; }

    /// <summary>With a workload of finite size: when it finished while ping-ponging, from boot; null when it did not.</summary>
    public long? WorkloadCompletedNs { get; init; }

    /// <summary>The mean share of the guest that was free when each completed migration started (0 to 1).</summary>
    public double MeanFreeShareAtStart { get; init; }

    /// <summary>The mean share of the guest in free 4 MiB blocks when each completed migration started (0 to 1).</summary>
    public double MeanFreeMaxOrderShareAtStart { get; init; }

    /// <summary>With a workload of finite size: when the same guest finished it without migrating, from boot.</summary>
    public long? WorkloadCompletedWithoutMigrationNs { get; init; }
}

/// <summary>
/// The seed's workload test: the guest migrates back and forth ceaselessly while a workload runs (Wei Wang: "make
/// bzImage -j4" during ping-pong local migration), compared with the same guest not migrating.
/// </summary>
public static class PingPongRun
{
    /// <summary>
    /// Runs the guest for <paramref name="startAfterNs"/> (null: until its workload settles), then ping-pongs it for
    /// <paramref name="durationNs"/>; runs an identical guest for the same time without migrating.
    /// </summary>
    public static PingPongResult Execute(SimulationOptions options, MigrationParameters parameters, long? startAfterNs, long durationNs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        (double Work, List<MigrationResult> Results, string Unit) Run(bool migrate)
        {
            (GuestMachine simulation, List<MigrationResult> results) = Start(options, parameters, startAfterNs, migrate);
            double before = simulation.Workload.UnitsDone;
            simulation.Step(durationNs);
            return (simulation.Workload.UnitsDone - before, results, simulation.Workload.Unit);
        }

        (double withoutMigration, _, string unit) = Run(migrate: false);
        (double work, List<MigrationResult> results, _) = Run(migrate: true);
        return Summary(results, work, withoutMigration, unit);
    }

    /// <summary>
    /// The seed's test as it ran: the guest runs a build of finite size (<see cref="WorkloadSpec.WorkNs"/>), ping-pongs
    /// from <paramref name="startAfterNs"/> (null: at once) until the build is done, and the build's completion time is
    /// compared with the same guest's without migrating. Gives up at <paramref name="limitNs"/> of simulated time.
    /// </summary>
    public static PingPongResult ExecuteUntilDone(SimulationOptions options, MigrationParameters parameters, long? startAfterNs, long limitNs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);
        if (options.Workload.WorkNs is null)
        {
            throw new ArgumentException("until-done needs a workload of finite size (build,work=DURATION)", nameof(options));
        }

        (double Work, List<MigrationResult> Results, string Unit, long? DoneNs) Run(bool migrate)
        {
            (GuestMachine simulation, List<MigrationResult> results) = Start(options, parameters, startAfterNs ?? 0, migrate);
            while (simulation.Workload.CompletedAtNs is null && simulation.NowNs < limitNs)
            {
                simulation.Step(Units.SimDuration.NsPerSecond / 10);
            }

            simulation.Enqueue(new CancelMigrationCommand());
            simulation.Step(0);
            return (simulation.Workload.UnitsDone, results, simulation.Workload.Unit, simulation.Workload.CompletedAtNs);
        }

        (double withoutMigration, _, string unit, long? aloneNs) = Run(migrate: false);
        (double work, List<MigrationResult> results, _, long? doneNs) = Run(migrate: true);
        return Summary(results, work, withoutMigration, unit) with
        {
            WorkloadCompletedNs = doneNs,
            WorkloadCompletedWithoutMigrationNs = aloneNs,
        };
    }

    /// <summary>
    /// A guest run for <paramref name="startAfterNs"/> (null: until its workload settles), then set ping-ponging when
    /// <paramref name="migrate"/>; the list fills with each migration's result as it ends.
    /// </summary>
    private static (GuestMachine Simulation, List<MigrationResult> Results) Start(SimulationOptions options, MigrationParameters parameters, long? startAfterNs, bool migrate)
    {
        var simulation = new GuestMachine(options);
        simulation.SettleUnless(startAfterNs);
        var results = new List<MigrationResult>();
        simulation.Events.Subscribe(e =>
        {
            if (e is MigrationEnded ended)
            {
                results.Add(ended.Result);
            }
        });
        if (migrate)
        {
            simulation.Enqueue(new StartMigrationCommand(parameters with { PingPong = true }));
        }

        return (simulation, results);
    }

    /// <summary>The figures of the completed migrations in <paramref name="results"/> and the work done with and without them.</summary>
    private static PingPongResult Summary(List<MigrationResult> results, double work, double withoutMigration, string unit)
    {
        List<MigrationResult> completed = [.. results.Where(r => r.Outcome == MigrationOutcome.Completed)];
        return new PingPongResult
        {
            Migrations = completed.Count,
            MeanTotalTimeNs = completed.Count == 0 ? 0 : (long)completed.Average(r => r.TotalTimeNs),
            MeanDowntimeNs = completed.Count == 0 ? 0 : (long)completed.Average(r => r.DowntimeNs),
            TotalDowntimeNs = completed.Sum(r => r.DowntimeNs),
            MismatchedPages = completed.Sum(r => r.MismatchedPages),
            WorkDone = work,
            WorkDoneWithoutMigration = withoutMigration,
            WorkUnit = unit,
            MeanFreeShareAtStart = completed.Count == 0 ? 0 : completed.Average(r => r.FreePagesAtStart / (double)r.GuestPages),
            MeanFreeMaxOrderShareAtStart = completed.Count == 0 ? 0 : completed.Average(r => r.FreeMaxOrderPagesAtStart / (double)r.GuestPages),
        };
    }
}
