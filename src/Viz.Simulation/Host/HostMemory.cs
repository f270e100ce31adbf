using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Host;

/// <summary>
/// The host's RAM as the guests on it use it: each guest's resident pages (its QEMU's RSS), the pages the host
/// discarded, and, when the guests together need more than the host has, swapping: the host writes resident guest
/// pages to its swap device until they fit, and reads them back when a guest touches them (a major fault that stalls
/// the guest's vCPU). The swap device is one queue all guests share, so one guest's swapping delays the others' reads.
/// </summary>
/// <remarks>
/// Victims are chosen as Linux's reclaim chooses anonymous pages (mm/vmscan.c): the QEMU processes' guest RAM sits on
/// the node's shared LRU lists, so reclaim takes cold pages of every guest alike, and a page referenced since reclaim
/// last looked at it gets a second chance (folio_check_references: the referenced bit is cleared and the page kept).
/// The model does this as a CLOCK with second chance over each guest's pages, visiting the guests in turn a chunk of
/// 64 pages at a time; it keeps referenced bits for writes only (<see cref="GuestRamBacking.Referenced"/>).
/// </remarks>
public sealed class HostMemory
{
    /// <summary>Pages the reclaim clock looks at in one guest before it moves to the next.</summary>
    public const int ReclaimChunkPages = 64;

    private readonly List<HostGuestAccount> _guests = [];
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private int _handGuest;
    private long _swapDeviceFreeAtNs;
    private bool _swapFull;
    private long _leftSwapOuts;
    private long _leftSwapIns;
    private long _leftSwapStallNs;

    /// <summary>Creates the host.</summary>
    public HostMemory(HostOptions options, EventScheduler clock, EventBus events)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        CapacityPages = options.CapacityBytes is long bytes ? bytes / KernelConstants.PageSize : null;
        SwapCapacityPages = options.SwapBytes is long swap ? swap / KernelConstants.PageSize : null;
    }

    /// <summary>Pages the swap device holds at most, or null for as many as the guests need.</summary>
    public long? SwapCapacityPages { get; }

    /// <summary>The host's options.</summary>
    public HostOptions Options { get; }

    /// <summary>Pages the guests may have resident in all, or null for unlimited.</summary>
    public long? CapacityPages { get; }

    /// <summary>The guests on this host, with their accounts.</summary>
    public IReadOnlyList<HostGuestAccount> Guests => _guests;

    /// <summary>Resident pages of all guests.</summary>
    public long ResidentPages => _guests.Sum(guest => guest.Ram.Backed.SetCount);

    /// <summary>Pages of all guests now in swap.</summary>
    public long SwappedPages => _guests.Sum(guest => guest.Ram.Swapped.SetCount);

    /// <summary>Pages written to swap so far, for the guests here now and those that left.</summary>
    public long SwapOutPages => _leftSwapOuts + _guests.Sum(guest => guest.SwapOuts);

    /// <summary>Pages read back from swap so far, for the guests here now and those that left.</summary>
    public long SwapInPages => _leftSwapIns + _guests.Sum(guest => guest.Ram.SwapIns);

    /// <summary>Host I/O time spent swapping, in nanoseconds.</summary>
    public long SwapIoNs { get; private set; }

    /// <summary>Time the guests' vCPUs spent stalled on swap-ins, waiting for the device included, in all.</summary>
    public long SwapStallNs => _leftSwapStallNs + _guests.Sum(guest => guest.SwapStallNs);

    /// <summary>
    /// Puts a guest whose RAM the host backs with <paramref name="ram"/> on this host, with its QEMU's own options and
    /// the bus its events go to; returns its account.
    /// </summary>
    public HostGuestAccount Attach(GuestKernel guest, GuestRamBacking ram, HostOptions? guestOptions = null, EventBus? guestEvents = null)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(ram);
        var account = new HostGuestAccount(guest, ram, guestOptions ?? Options, guestEvents ?? _events);
        _guests.Add(account);
        return account;
    }

    /// <summary>
    /// Takes a guest off this host (it migrated away): its resident pages and swap copies are freed; what it swapped
    /// here stays in the host's totals.
    /// </summary>
    public void Detach(HostGuestAccount guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        if (_guests.Remove(guest))
        {
            _leftSwapOuts += guest.SwapOuts;
            _leftSwapIns += guest.Ram.SwapIns;
            _leftSwapStallNs += guest.SwapStallNs;
        }

        _handGuest = 0;
    }

    /// <summary>
    /// Discards [pfn, pfn+count) of a guest (ram_block_discard_range): RSS falls by the resident pages, swap copies
    /// are dropped, the next access refaults a zero page.
    /// </summary>
    public void Discard(HostGuestAccount guest, int pfn, int count, string reason)
    {
        ArgumentNullException.ThrowIfNull(guest);
        int resident = guest.Ram.Discard(pfn, count);
        guest.Kernel.Memory.ZeroDiscarded(pfn, count);
        guest.DiscardedPages += count;
        guest.DiscardedResidentPages += resident;
        guest.Events.Publish(new HostDiscarded(_clock.NowNs, reason, pfn, count, resident));
    }

    /// <summary>
    /// The host's periodic accounting: publishes the refaults since the last call (the guest was already charged for
    /// each fault when it touched the page), charges the guests for the swap-ins their accesses caused since the last
    /// call — each read waiting for the device behind what is queued on it — then swaps pages out until the guests fit
    /// in the capacity, as far as the swap device has room.
    /// </summary>
    public void Balance()
    {
        long now = _clock.NowNs;
        foreach (HostGuestAccount guest in _guests)
        {
            long refaults = guest.Ram.Refaults - guest.RefaultsPublished;
            if (refaults > 0)
            {
                guest.RefaultsPublished = guest.Ram.Refaults;
                guest.Events.Publish(new HostRefaulted(now, refaults));
            }

            long swapIns = guest.Ram.SwapIns - guest.SwapInsCharged;
            if (swapIns > 0)
            {
                guest.SwapInsCharged = guest.Ram.SwapIns;
                long reads = swapIns * Options.Costs.SwapInNs;
                long stall = Math.Max(0, _swapDeviceFreeAtNs - now) + reads;
                _swapDeviceFreeAtNs = Math.Max(now, _swapDeviceFreeAtNs) + reads;
                guest.Kernel.ChargeStall(stall);
                guest.SwapStallNs += stall;
                SwapIoNs += reads;
                guest.Events.Publish(new HostSwappedIn(now, swapIns));
            }
        }

        if (CapacityPages is not long capacity)
        {
            return;
        }

        long excess = ResidentPages - capacity;
        if (excess > 0)
        {
            SwapOut(excess);
        }
    }

    /// <summary>
    /// Reclaims up to <paramref name="pages"/> resident guest pages to swap (see the remarks): returns how many went.
    /// Stops when the swap device is full (said once until there is room again) or when two sweeps over every guest
    /// found nothing to take.
    /// </summary>
    private long SwapOut(long pages)
    {
        long room = SwapCapacityPages is long swapCapacity ? Math.Max(0, swapCapacity - SwappedPages) : long.MaxValue;
        long want = Math.Min(pages, room);
        long totalPages = _guests.Sum(guest => (long)guest.Ram.PageCount);
        long done = 0;
        long visitedIdle = 0;
        while (done < want && visitedIdle < 2 * totalPages)
        {
            HostGuestAccount guest = _guests[_handGuest];
            _handGuest = (_handGuest + 1) % _guests.Count;
            int swapped = guest.SweepForSwap(ReclaimChunkPages, want - done);
            done += swapped;
            visitedIdle = swapped > 0 ? 0 : visitedIdle + ReclaimChunkPages;
        }

        if (done > 0)
        {
            long writes = done * Options.Costs.SwapOutNs;
            _swapDeviceFreeAtNs = Math.Max(_clock.NowNs, _swapDeviceFreeAtNs) + writes;
            SwapIoNs += writes;
            foreach (HostGuestAccount guest in _guests.Where(guest => guest.SwapOutsUnpublished > 0))
            {
                guest.Events.Publish(new HostSwappedOut(_clock.NowNs, guest.SwapOutsUnpublished));
                guest.SwapOutsUnpublished = 0;
            }
        }

        bool full = done < pages && room <= done;
        if (full && !_swapFull)
        {
            _events.Publish(new HostSwapFull(_clock.NowNs, SwappedPages, pages - done));
        }

        _swapFull = full;
        return done;
    }
}

/// <summary>What the host knows and counts about one guest.</summary>
public sealed class HostGuestAccount
{
    private int _swapHand;

    internal HostGuestAccount(GuestKernel kernel, GuestRamBacking ram, HostOptions options, EventBus events)
    {
        Kernel = kernel;
        Ram = ram;
        Options = options;
        Events = events;
    }

    /// <summary>What this guest's QEMU does with discards (its own options; the host's memory and swap are shared).</summary>
    public HostOptions Options { get; }

    /// <summary>Where the host's events about this guest go.</summary>
    public EventBus Events { get; }

    /// <summary>Time this guest's vCPUs spent stalled on swap-ins, waiting for the shared device included.</summary>
    public long SwapStallNs { get; internal set; }

    /// <summary>Swap-outs not yet published.</summary>
    internal long SwapOutsUnpublished { get; set; }

    /// <summary>
    /// The reclaim clock's visit: looks at up to <paramref name="chunk"/> pages from this guest's hand, swapping out
    /// each resident page not referenced since the last visit and clearing the bit of each one that was (its second
    /// chance), until <paramref name="limit"/> went. Returns how many went.
    /// </summary>
    internal int SweepForSwap(int chunk, long limit)
    {
        int swapped = 0;
        for (int i = 0; i < chunk && swapped < limit; i++)
        {
            if (_swapHand >= Ram.PageCount)
            {
                _swapHand = 0;
            }

            int pfn = _swapHand++;
            if (!Ram.Backed.Get(pfn))
            {
                continue;
            }

            if (Ram.Referenced.Get(pfn))
            {
                Ram.Referenced.Set(pfn, false);
            }
            else if (Ram.SwapOut(pfn))
            {
                swapped++;
            }
        }

        SwapOuts += swapped;
        SwapOutsUnpublished += swapped;
        return swapped;
    }

    /// <summary>The guest.</summary>
    public GuestKernel Kernel { get; }

    /// <summary>The host's backing of the guest's RAM.</summary>
    public GuestRamBacking Ram { get; }

    /// <summary>Resident pages: the guest's host RSS in pages.</summary>
    public long ResidentPages => Ram.Backed.SetCount;

    /// <summary>Pages in all ranges the host discarded.</summary>
    public long DiscardedPages { get; internal set; }

    /// <summary>Of those, pages that were resident when discarded.</summary>
    public long DiscardedResidentPages { get; internal set; }

    /// <summary>Pages swapped out.</summary>
    public long SwapOuts { get; internal set; }

    /// <summary>Refaults already published.</summary>
    internal long RefaultsPublished { get; set; }

    /// <summary>Swap-ins already charged to the guest.</summary>
    internal long SwapInsCharged { get; set; }

    /// <summary>
    /// The guest's RSS as the host's own accounting has it: every fault adds a page, every discard of a resident page
    /// and every swap-out removes one. Equal to <see cref="ResidentPages"/> unless a transition went uncounted.
    /// </summary>
    public long AccountedResidentPages =>
        Ram.FirstTouchFaults + Ram.Refaults + Ram.SwapIns - DiscardedResidentPages - SwapOuts;
}
