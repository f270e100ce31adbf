using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>How the guest is built and booted.</summary>
public sealed record GuestOptions
{
    /// <summary>Default guest size, 8 GiB: the seed's guest.</summary>
    public const long DefaultBytes = 8L << 30;

    /// <summary>Guest RAM in bytes (64 MiB to 1 TiB, whole pages).</summary>
    public long MemoryBytes { get; init; } = DefaultBytes;

    /// <summary>What the free path writes into freed pages.</summary>
    public PoisonMode Poison { get; init; } = PoisonMode.Off;

    /// <summary>
    /// init_on_alloc=1: zero pages on allocation. Off by default as in the seed's kernels;
    /// CONFIG_INIT_ON_ALLOC_DEFAULT_ON turns it on in many distribution kernels.
    /// </summary>
    public bool InitOnAlloc { get; init; }

    /// <summary>The free page hinting design of the guest's balloon driver.</summary>
    public FreePageHintDesign HintDesign { get; init; } = FreePageHintDesign.Upstream;

    /// <summary>Costs of faults and reclaim.</summary>
    public GuestCosts Costs { get; init; } = GuestCosts.Default;
}
