using Viz.Simulation.Migration;

namespace Viz.Pipeline;

/// <summary>The migration as a frame shows it: the one running (or the last), and the last result with and without hinting.</summary>
public sealed record MigrationView
{
    /// <summary>Whether a migration is running.</summary>
    public required bool Active { get; init; }

    /// <summary>Whether migrations follow each other back and forth.</summary>
    public required bool PingPong { get; init; }

    /// <summary>Which migration this is (counting from 1); 0 before the first.</summary>
    public required int Number { get; init; }

    /// <summary>Its phase.</summary>
    public required MigrationPhase? Phase { get; init; }

    /// <summary>Bitmap syncs so far.</summary>
    public required int Round { get; init; }

    /// <summary>Pages still dirty in the migration bitmap.</summary>
    public required long RemainingDirtyPages { get; init; }

    /// <summary>Bytes sent so far.</summary>
    public required long BytesTransferred { get; init; }

    /// <summary>Dirty pages cleared by hints so far.</summary>
    public required long PagesSkippedByHint { get; init; }

    /// <summary>Virtual time since its setup began.</summary>
    public required long ElapsedNs { get; init; }

    /// <summary>The last completed migration without free page hinting.</summary>
    public MigrationResult? LastLegacy { get; init; }

    /// <summary>The last completed migration with free page hinting.</summary>
    public MigrationResult? LastHinting { get; init; }

    /// <summary>The last migration that ended, however it ended.</summary>
    public MigrationResult? Last { get; init; }
}
