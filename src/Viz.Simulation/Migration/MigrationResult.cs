
namespace Viz.Simulation.Migration;

/// <summary>How a migration ended.</summary>
public enum MigrationOutcome
{
    /// <summary>Stop-and-copy finished; the guest runs on the destination.</summary>
    Completed,

    /// <summary>The user cancelled it; the guest stays on the source.</summary>
    Cancelled,

    /// <summary>The guest dirtied memory faster than it could be sent and the round limit was reached.</summary>
    NotConverged,
}

/// <summary>What one migration did.</summary>
public sealed record MigrationResult
{
    /// <summary>How it ended.</summary>
    public required MigrationOutcome Outcome { get; init; }

    /// <summary>Whether the guest driver had negotiated free page hinting.</summary>
    public required bool Hinting { get; init; }

    /// <summary>From the start of setup to the guest running on the destination (or to the cancel).</summary>
    public required long TotalTimeNs { get; init; }

    /// <summary>How long the guest was stopped for stop-and-copy.</summary>
    public required long DowntimeNs { get; init; }

    /// <summary>Dirty bitmap syncs (QEMU's dirty-sync-count).</summary>
    public required int Rounds { get; init; }

    /// <summary>Bytes on the wire, device state included.</summary>
    public required long BytesTransferred { get; init; }

    /// <summary>Pages sent in full.</summary>
    public required long PagesNormal { get; init; }

    /// <summary>Pages sent as zero-page markers.</summary>
    public required long PagesZero { get; init; }

    /// <summary>Dirty pages whose bit a free page hint cleared before they were sent.</summary>
    public required long PagesSkippedByHint { get; init; }

    /// <summary>Dirty pages right after each bitmap sync, in order.</summary>
    public required IReadOnlyList<long> DirtyPagesPerRound { get; init; }

    /// <summary>Whether the destination was compared with the source (only for a completed migration).</summary>
    public required bool Verified { get; init; }

    /// <summary>Pages the guest can observe whose destination content differs from the source's.</summary>
    public required long MismatchedPages { get; init; }

    /// <summary>Work the guest's workload did while the migration ran.</summary>
    public required double WorkDone { get; init; }

    /// <summary>Work the workload would have done in the same time at its rate just before the migration, minus what it did.</summary>
    public required double WorkLost { get; init; }

    /// <summary>The guest's pages.</summary>
    public required long GuestPages { get; init; }

    /// <summary>Pages free in the guest when the migration started.</summary>
    public required long FreePagesAtStart { get; init; }

    /// <summary>Of <see cref="FreePagesAtStart"/>, the pages in free 4 MiB (max-order) blocks: what hinting can report.</summary>
    public required long FreeMaxOrderPagesAtStart { get; init; }
}
