namespace Viz.Simulation.Engine;

/// <summary>Something that happened in the simulation, stamped with the virtual time it happened at.</summary>
/// <param name="TimeNs">Virtual time in nanoseconds.</param>
public abstract record SimEvent(long TimeNs)
{
    /// <summary>A short category for filtering (a log can show one kind at a time).</summary>
    public abstract string Kind { get; }

    /// <summary>One line for a human.</summary>
    public abstract string Describe();
}

/// <summary>A workload allocated a run of memory in one tick.</summary>
public sealed record AllocationBurst(long TimeNs, string Source, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "alloc";

    /// <inheritdoc/>
    public override string Describe() => $"{Source} allocated {Pages} pages";
}

/// <summary>A workload freed a run of memory in one tick.</summary>
public sealed record FreeBurst(long TimeNs, string Source, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "free";

    /// <inheritdoc/>
    public override string Describe() => $"{Source} freed {Pages} pages";
}

/// <summary>
/// The page_poison check on allocation found pages that do not hold 0xaa (mm/page_poison.c check_poison_mem:
/// "pagealloc: memory corruption").
/// </summary>
/// <param name="TimeNs">When.</param>
/// <param name="FirstPfn">The first corrupted page.</param>
/// <param name="BadPages">How many pages of the allocated block were corrupted.</param>
/// <param name="Found">What the first corrupted page held instead of the poison pattern.</param>
public sealed record PoisonCorruption(long TimeNs, int FirstPfn, int BadPages, Memory.ContentKind Found) : SimEvent(TimeNs)
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

/// <summary>A workload entered a new phase (hog: allocating, holding, freeing, done; ...).</summary>
public sealed record WorkloadPhaseChanged(long TimeNs, string Workload, string Phase) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "workload";

    /// <inheritdoc/>
    public override string Describe() => $"{Workload}: {Phase}";
}

/// <summary>A command from outside was applied at a step boundary.</summary>
public sealed record CommandApplied(long TimeNs, string Description) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "command";

    /// <inheritdoc/>
    public override string Describe() => Description;
}
