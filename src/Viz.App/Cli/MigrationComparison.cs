using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>A legacy migration and one with free page hinting, of the same guest (same options and seed).</summary>
/// <param name="Legacy">Without hinting.</param>
/// <param name="Hinting">With hinting.</param>
/// <param name="UpstreamPrediction">
/// When the guest carries the seed's v28 hinting design: the same migration with the upstream design, which the seed
/// never measured — a prediction of the model, printed beside the seed's figures.
/// </param>
public sealed record MigrationComparison(MigrationReport Legacy, MigrationReport Hinting, MigrationReport? UpstreamPrediction = null)
{
    /// <summary>Hinting's total time over legacy's.</summary>
    public double TimeRatio => Hinting.TotalTimeMs / Legacy.TotalTimeMs;

    /// <summary>Hinting's bytes over legacy's.</summary>
    public double BytesRatio => Hinting.BytesTransferred / (double)Legacy.BytesTransferred;

    /// <summary>
    /// Runs both migrations. They are two independent simulations, so they run on two threads; each is deterministic
    /// on its own, so the result does not depend on the threads. Each reports its progress on its own thread.
    /// </summary>
    public static MigrationComparison Run(
        SimulationOptions legacy,
        SimulationOptions hinting,
        MigrationParameters parameters,
        long? startAfterNs,
        Action<MigrationEngine>? legacyProgress = null,
        Action<MigrationEngine>? hintingProgress = null)
    {
        ArgumentNullException.ThrowIfNull(hinting);
        Task<MigrationResult> withHints = Task.Run(() => MigrationRun.Execute(hinting, parameters, startAfterNs, hintingProgress));
        Task<MigrationResult>? upstream = hinting.Guest.HintDesign == FreePageHintDesign.V28
            ? Task.Run(() => MigrationRun.Execute(hinting with { Guest = hinting.Guest with { HintDesign = FreePageHintDesign.Upstream } }, parameters, startAfterNs))
            : null;
        MigrationResult withoutHints = MigrationRun.Execute(legacy, parameters, startAfterNs, legacyProgress);
        return new MigrationComparison(
            MigrationReport.From(withoutHints),
            MigrationReport.From(withHints.GetAwaiter().GetResult()),
            upstream is null ? null : MigrationReport.From(upstream.GetAwaiter().GetResult()));
    }
}
