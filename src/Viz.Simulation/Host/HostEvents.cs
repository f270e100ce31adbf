using Viz.Simulation.Core;

namespace Viz.Simulation.Host;

/// <summary>The host discarded guest pages (ram_block_discard_range).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Reason">inflate or report.</param>
/// <param name="Pfn">First page of the range.</param>
/// <param name="Pages">Pages in the range.</param>
/// <param name="ResidentFreed">Of those, pages that were resident (host RSS freed).</param>
public sealed record HostDiscarded(long TimeNs, string Reason, int Pfn, int Pages, int ResidentFreed) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "discard";

    /// <inheritdoc/>
    public override string Describe() => $"host discarded {Pages} pages at pfn {Pfn:x} ({Reason}), RSS -{ResidentFreed}";
}

/// <summary>The host skipped a discard it would otherwise have done, and why.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Reason">inflate or report.</param>
/// <param name="Pages">Pages not discarded.</param>
/// <param name="Why">poison_val set, or ballooning inhibited.</param>
public sealed record HostDiscardSkipped(long TimeNs, string Reason, int Pages, string Why) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "discard";

    /// <inheritdoc/>
    public override string Describe() => $"host kept {Pages} pages ({Reason}): {Why}";
}

/// <summary>The host's free page hint status changed (hw/virtio/virtio-balloon.c free_page_hint_status).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Old">Old status.</param>
/// <param name="New">New status.</param>
/// <param name="CmdId">The current command id.</param>
public sealed record HintStatusChanged(long TimeNs, HintStatus Old, HintStatus New, uint CmdId) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "hint";

    /// <inheritdoc/>
    public override string Describe() => $"hint status {Old} -> {New} (cmd id {CmdId:x8})";
}

/// <summary>The device popped a hinted block; it reached listeners only if the status was START.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Pfn">First page.</param>
/// <param name="Pages">Pages.</param>
/// <param name="Accepted">Whether the hint was used (status START) or ignored.</param>
public sealed record HintReceived(long TimeNs, int Pfn, int Pages, bool Accepted) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "hint";

    /// <inheritdoc/>
    public override string Describe() => $"hint {Pages} pages at pfn {Pfn:x} {(Accepted ? "accepted" : "ignored (not START)")}";
}

/// <summary>The guest touched pages whose backing the host had discarded: each faulted in a zero page.</summary>
/// <param name="TimeNs">When (the host's accounting tick after the faults).</param>
/// <param name="Pages">Pages refaulted.</param>
public sealed record HostRefaulted(long TimeNs, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "refault";

    /// <inheritdoc/>
    public override string Describe() => $"guest refaulted {Pages} discarded pages (zero-filled, RSS +{Pages})";
}

/// <summary>The host swapped guest pages out because its memory was overcommitted.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Pages">Pages written to swap.</param>
public sealed record HostSwappedOut(long TimeNs, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "swap";

    /// <inheritdoc/>
    public override string Describe() => $"host swapped out {Pages} guest pages";
}

/// <summary>The guest touched pages the host had swapped out: they were read back.</summary>
/// <param name="TimeNs">When (the host's accounting tick after the faults).</param>
/// <param name="Pages">Pages read back.</param>
public sealed record HostSwappedIn(long TimeNs, long Pages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "swap";

    /// <inheritdoc/>
    public override string Describe() => $"host swapped in {Pages} guest pages";
}

/// <summary>
/// A Discard-mode hint run discarded a range in which the guest had already taken pages back (Firecracker's documented
/// race): <paramref name="RacedPages"/> of its <paramref name="Pages"/> lost what the guest wrote there.
/// </summary>
public sealed record HintDiscardRace(long TimeNs, int Pfn, int Pages, int RacedPages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "hint";

    /// <inheritdoc/>
    public override string Describe() => $"RACE: the host discarded a hinted range at pfn {Pfn:x} after the guest took {RacedPages} of its {Pages} pages back: their data is lost";
}

/// <summary>The host's swap device is full: the guests need more than the host's memory and swap hold.</summary>
/// <param name="TimeNs">When.</param>
/// <param name="SwappedPages">Pages in swap.</param>
/// <param name="OverPages">Pages the guests hold beyond the host's memory that could not go to swap.</param>
public sealed record HostSwapFull(long TimeNs, long SwappedPages, long OverPages) : SimEvent(TimeNs)
{
    /// <inheritdoc/>
    public override string Kind => "swap";

    /// <inheritdoc/>
    public override string Describe() =>
        $"host swap full ({SwappedPages} pages in swap): the guests hold {OverPages} pages more than the host's memory";
}
