using System.Globalization;
using Viz.Simulation.Machine;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>A ping-pong run as `migrate --ping-pong` prints it (field names are the JSON names).</summary>
/// <param name="Migrations">Migrations completed.</param>
/// <param name="MeanTotalTimeMs">Their mean total time.</param>
/// <param name="MeanDowntimeMs">Their mean downtime.</param>
/// <param name="TotalDowntimeMs">Time the guest was stopped in all.</param>
/// <param name="MismatchedPages">Observable pages that differed after any migration.</param>
/// <param name="WorkDone">Work done while migrating back and forth.</param>
/// <param name="WorkDoneWithoutMigration">Work the same guest did in the same time without migrating.</param>
/// <param name="SlowdownPercent">How much less work the migrating guest did, in percent.</param>
/// <param name="WorkUnit">The unit of work.</param>
/// <param name="WorkloadCompletedMs">until-done: when the build finished while ping-ponging, from boot (null: not within the limit).</param>
/// <param name="WorkloadCompletedWithoutMigrationMs">until-done: when the same build finished without migrating.</param>
/// <param name="MeanFreeShareAtStart">The mean share of the guest free when each migration started (0 to 1).</param>
/// <param name="MeanFreeIn4MiBBlocksShareAtStart">The mean share of the guest in free 4 MiB blocks then.</param>
public sealed record PingPongReport(
    int Migrations, double MeanTotalTimeMs, double MeanDowntimeMs, double TotalDowntimeMs, long MismatchedPages,
    double WorkDone, double WorkDoneWithoutMigration, double SlowdownPercent, string WorkUnit,
    double? WorkloadCompletedMs = null, double? WorkloadCompletedWithoutMigrationMs = null,
    double MeanFreeShareAtStart = 0, double MeanFreeIn4MiBBlocksShareAtStart = 0)
{
    /// <summary>Converts a core result.</summary>
    public static PingPongReport From(PingPongResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double ms = SimDuration.NsPerMs;
        double slowdown = result.WorkloadCompletedNs is long done && result.WorkloadCompletedWithoutMigrationNs is long alone
            ? 100 * ((done / (double)alone) - 1)
            : result.WorkDoneWithoutMigration == 0 ? 0 : 100 * (1 - (result.WorkDone / result.WorkDoneWithoutMigration));
        return new PingPongReport(
            result.Migrations, result.MeanTotalTimeNs / ms, result.MeanDowntimeNs / ms, result.TotalDowntimeNs / ms, result.MismatchedPages,
            result.WorkDone, result.WorkDoneWithoutMigration, slowdown, result.WorkUnit,
            result.WorkloadCompletedNs / ms, result.WorkloadCompletedWithoutMigrationNs / ms,
            result.MeanFreeShareAtStart, result.MeanFreeMaxOrderShareAtStart);
    }

    /// <summary>The rows of the readable table.</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        yield return ("migrations completed", Migrations.ToString(c));
        yield return ("mean migration time", MeanTotalTimeMs.ToString("0.0", c) + " ms");
        yield return ("mean downtime", MeanDowntimeMs.ToString("0.0", c) + " ms");
        yield return ("free at each start", $"{MeanFreeShareAtStart.ToString("0%", c)} on average, {MeanFreeIn4MiBBlocksShareAtStart.ToString("0%", c)} in 4 MiB blocks");
        yield return ("guest stopped in all", TotalDowntimeMs.ToString("0.0", c) + " ms");
        yield return ("verified", MismatchedPages == 0 ? "yes, no page lost" : $"NO: {MismatchedPages} pages differ");
        if (WorkloadCompletedWithoutMigrationMs is double alone)
        {
            yield return ("build done after", WorkloadCompletedMs is double done ? SimDuration.Format((long)(done * SimDuration.NsPerMs)) : "— (not within the limit)");
            yield return ("without migration", SimDuration.Format((long)(alone * SimDuration.NsPerMs)));
            yield return ("slower by", SlowdownPercent.ToString("0.0", c) + " %");
            yield break;
        }

        yield return ("work done", $"{WorkDone.ToString("0.##", c)} {WorkUnit}");
        yield return ("without migration", $"{WorkDoneWithoutMigration.ToString("0.##", c)} {WorkUnit}");
        yield return ("slowdown", SlowdownPercent.ToString("0.0", c) + " %");
    }
}
