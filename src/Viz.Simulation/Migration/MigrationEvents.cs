using Viz.Simulation.Core;
using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>A migration began its setup.</summary>
public sealed record MigrationStarted(long TimeNs, int Number, bool Hinting) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "migration";

    /// <inheritdoc/>
    public override string Describe() => $"migration #{Number} started ({(Hinting ? "with" : "without")} free page hinting)";
}

/// <summary>The dirty bitmap was synced from KVM's log (migration_bitmap_sync).</summary>
public sealed record BitmapSynced(long TimeNs, int Round, long DirtyPages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "migration";

    /// <inheritdoc/>
    public override string Describe() => $"round {Round}: bitmap sync, {DirtyPages} dirty pages";
}

/// <summary>The guest was stopped for the final copy.</summary>
public sealed record StopAndCopy(long TimeNs, long RemainingPages, long DowntimeNs) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "migration";

    /// <inheritdoc/>
    public override string Describe() => $"stop-and-copy: {RemainingPages} pages, downtime {SimDuration.Format(DowntimeNs)}";
}

/// <summary>A migration ended.</summary>
public sealed record MigrationEnded(long TimeNs, MigrationResult Result) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "migration";

    /// <inheritdoc/>
    public override string Describe() => Result.Outcome switch
    {
        MigrationOutcome.Completed =>
            $"migration completed in {SimDuration.Format(Result.TotalTimeNs)}, {Result.Rounds} rounds, {Result.PagesSkippedByHint} pages skipped by hints, {(Result.MismatchedPages == 0 ? "verified" : $"{Result.MismatchedPages} PAGES MISMATCHED")}",
        MigrationOutcome.Cancelled => $"migration cancelled after {SimDuration.Format(Result.TotalTimeNs)}",
        _ => $"migration did not converge in {Result.Rounds} rounds",
    };
}

/// <summary>Verification found pages the guest can observe that differ on the destination.</summary>
public sealed record MigrationMismatch(long TimeNs, long Pages, int FirstPfn) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "mismatch";

    /// <inheritdoc/>
    public override string Describe() => $"DATA MISMATCH after migration: {Pages} pages differ on the destination, first at pfn {FirstPfn:x}";
}
