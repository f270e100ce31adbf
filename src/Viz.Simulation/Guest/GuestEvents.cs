using Viz.Simulation.Core;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>
/// The page_poison check on allocation found pages that do not hold 0xaa (mm/page_poison.c check_poison_mem:
/// "pagealloc: memory corruption").
/// </summary>
/// <param name="TimeNs">When.</param>
/// <param name="FirstPfn">The first corrupted page.</param>
/// <param name="BadPages">How many pages of the allocated block were corrupted.</param>
/// <param name="Found">What the first corrupted page held instead of the poison pattern.</param>
public sealed record PoisonCorruption(long TimeNs, int FirstPfn, int BadPages, ContentKind Found) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "poison";

    /// <inheritdoc/>
    public override string Describe() =>
        $"pagealloc: memory corruption at pfn {FirstPfn:x}: {BadPages} page(s) hold {Found} instead of 0xaa";
}

/// <summary>An allocation failed even after reclaim: the guest is out of memory.</summary>
public sealed record OutOfMemory(long TimeNs, string Source, int Order) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "oom";

    /// <inheritdoc/>
    public override string Describe() => $"out of memory: {Source} could not get an order-{Order} block";
}

/// <summary>The guest reclaimed memory (kswapd or direct reclaim) to get back above its watermarks.</summary>
public sealed record Reclaimed(long TimeNs, long Pages, bool Direct) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "reclaim";

    /// <inheritdoc/>
    public override string Describe() => $"{(Direct ? "direct reclaim" : "kswapd")} freed {Pages} pages";
}
