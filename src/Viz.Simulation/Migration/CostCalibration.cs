using System.Globalization;
using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>
/// A cost profile fitted to completed migrations. Each run's time beyond its setup and the switchover is its zero pages
/// at <see cref="MigrationCosts.ZeroPageNs"/> plus its normal pages at <see cref="MigrationCosts.NormalPageNs"/> (an
/// unthrottled local migration, as QEMU's with a max-bandwidth that does not bind): two runs with different shares of
/// zero pages fit both costs by least squares; one run (or runs alike) fits the zero-page cost and keeps the normal
/// page's, which the link sets.
/// </summary>
/// <param name="Costs">The fitted profile.</param>
/// <param name="Fitted">The JSON names of the costs the fit set.</param>
/// <param name="Runs">Each run with the time the fitted profile gives it, in milliseconds.</param>
public sealed record CostCalibration(MigrationCosts Costs, IReadOnlyList<string> Fitted, IReadOnlyList<(MeasuredMigration Run, double ModelledMs)> Runs)
{
    /// <summary>Largest share a run's modelled time may miss its measured time by before the fit is refused.</summary>
    public const double MaxResidual = 0.25;

    /// <summary>
    /// Fits <paramref name="baseline"/>'s page costs to <paramref name="runs"/>; false, with <paramref name="problem"/>
    /// saying why, for a fit it cannot make.
    /// </summary>
    public static bool TryFit(IReadOnlyList<MeasuredMigration> runs, MigrationCosts baseline, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CostCalibration? fit, out string problem)
    {
        try
        {
            fit = Of(runs, baseline);
            problem = string.Empty;
            return true;
        }
        catch (CalibrationException e)
        {
            fit = null;
            problem = e.Message;
            return false;
        }
    }

    private static CostCalibration Of(IReadOnlyList<MeasuredMigration> runs, MigrationCosts baseline)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(baseline);
        if (runs.Count == 0)
        {
            throw new CalibrationException("calibrate needs at least one query-migrate reply of a completed migration");
        }

        double fixedMs = baseline.SwitchoverNs / (double)SimDuration.NsPerMs;
        foreach (MeasuredMigration run in runs)
        {
            if (run.ZeroPages + run.NormalPages == 0)
            {
                throw new CalibrationException($"{run.Name}: ram.duplicate and ram.normal are both 0: the migration sent no pages to fit");
            }

            if (run.TotalTimeMs - run.SetupTimeMs - fixedMs <= 0)
            {
                throw new CalibrationException($"{run.Name}: total-time {run.TotalTimeMs} ms leaves nothing after setup-time and the switchover; these figures contradict each other");
            }
        }

        (MigrationCosts costs, string[] fitted) = Solve(runs, baseline, fixedMs);
        List<(MeasuredMigration, double)> modelled = [.. runs.Select(r => (r, Modelled(r, costs, fixedMs)))];
        (MeasuredMigration worst, double worstMs) = modelled.MaxBy(m => Math.Abs((m.Item2 / m.Item1.TotalTimeMs) - 1));
        double residual = (worstMs / worst.TotalTimeMs) - 1;
        if (Math.Abs(residual) > MaxResidual)
        {
            throw new CalibrationException(string.Create(CultureInfo.InvariantCulture, $"{worst.Name}: no pair of page costs explains every run: the best fit misses this one by {residual:+0%;-0%} (its migration may have been throttled by max-bandwidth or slowed by a busy guest); calibrate with idle, unthrottled local migrations"));
        }

        return new CostCalibration(costs, fitted, modelled);
    }

    private static (MigrationCosts Costs, string[] Fitted) Solve(IReadOnlyList<MeasuredMigration> runs, MigrationCosts baseline, double fixedMs)
    {
        // Least squares for y = D·z + N·n over the runs, in ns: the normal equations of the two unknowns.
        double dd = 0, dn = 0, nn = 0, dy = 0, ny = 0;
        foreach (MeasuredMigration run in runs)
        {
            double y = (run.TotalTimeMs - run.SetupTimeMs - fixedMs) * SimDuration.NsPerMs;
            dd += (double)run.ZeroPages * run.ZeroPages;
            dn += (double)run.ZeroPages * run.NormalPages;
            nn += (double)run.NormalPages * run.NormalPages;
            dy += run.ZeroPages * y;
            ny += run.NormalPages * y;
        }

        double determinant = (dd * nn) - (dn * dn);
        bool independent = runs.Count >= 2 && determinant > 1e-6 * dd * nn;
        if (independent)
        {
            double zero = ((dy * nn) - (ny * dn)) / determinant;
            double normal = ((ny * dd) - (dy * dn)) / determinant;
            if (zero <= 0 || normal <= 0)
            {
                throw new CalibrationException(string.Create(CultureInfo.InvariantCulture, $"the runs contradict each other: they fit only with a zero page at {zero:0} ns and a normal page at {normal:0} ns, and no cost is negative"));
            }

            return (baseline with { ZeroPageNs = zero, NormalPageNs = normal }, ["zeroPageNs", "normalPageNs"]);
        }

        if (dd == 0)
        {
            double normalOnly = ny / nn;
            return (baseline with { NormalPageNs = normalOnly }, ["normalPageNs"]);
        }

        double fittedZero = (dy - (dn * baseline.NormalPageNs)) / dd;
        if (fittedZero <= 0)
        {
            throw new CalibrationException(string.Create(CultureInfo.InvariantCulture, $"the migration{(runs.Count == 1 ? " took" : "s took")} less time than {(runs.Count == 1 ? "its" : "their")} normal pages cost at {baseline.NormalPageNs:0} ns each; give a second run with a different share of zero pages so that both costs can be fitted"));
        }

        return (baseline with { ZeroPageNs = fittedZero }, ["zeroPageNs"]);
    }

    private static double Modelled(MeasuredMigration run, MigrationCosts costs, double fixedMs) =>
        run.SetupTimeMs + fixedMs + (((run.ZeroPages * costs.ZeroPageNs) + (run.NormalPages * costs.NormalPageNs)) / SimDuration.NsPerMs);
}

/// <summary>A fit the runs do not allow; its message says why.</summary>
internal sealed class CalibrationException(string message) : Exception(message);
