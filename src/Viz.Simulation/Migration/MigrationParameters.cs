using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>What the user sets for a migration (QEMU migration parameters and capabilities).</summary>
public sealed record MigrationParameters
{
    /// <summary>
    /// The seed's setting: <c>migrate_set_speed 100G</c>, i.e. no real limit on a local migration. QEMU's own default
    /// max-bandwidth is 128 MiB/s (<see cref="QemuDefaultBandwidth"/>).
    /// </summary>
    public const long SeedBandwidth = 100L << 30;

    /// <summary>QEMU's default max-bandwidth since about 5.2 (migration/options.c).</summary>
    public const long QemuDefaultBandwidth = 128L << 20;

    /// <summary>QEMU's default downtime-limit (migration/options.c).</summary>
    public const long DefaultDowntimeLimitNs = 300 * SimDuration.NsPerMs;

    /// <summary>max-bandwidth: bytes per second the migration stream may use.</summary>
    public long BandwidthBytesPerSecond { get; init; } = SeedBandwidth;

    /// <summary>downtime-limit: the stop-and-copy phase starts once the rest fits in this time.</summary>
    public long DowntimeLimitNs { get; init; } = DefaultDowntimeLimitNs;

    /// <summary>Bitmap syncs after which a migration that has not converged gives up.</summary>
    public int MaxRounds { get; init; } = 30;

    /// <summary>Migrate back and forth continuously: each completion starts the next migration after <see cref="PingPongGapNs"/>.</summary>
    public bool PingPong { get; init; }

    /// <summary>
    /// The default gap between ping-pong hops: each hop goes to a freshly started destination QEMU (-incoming), which
    /// takes about this long to start and listen before the next migration can begin. An estimate, not a measurement
    /// of the seed's loop, which the cover letter does not describe; not fitted.
    /// </summary>
    public const long DefaultPingPongGapNs = SimDuration.NsPerSecond;

    /// <summary>Time from a ping-pong hop's completion to the next hop's start (a new destination starting).</summary>
    public long PingPongGapNs { get; init; } = DefaultPingPongGapNs;

    /// <summary>The cost model.</summary>
    public MigrationCosts Costs { get; init; } = MigrationCosts.Default;
}
