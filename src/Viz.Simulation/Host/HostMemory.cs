using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Host;

/// <summary>
/// The host's RAM as the guests use it: each guest's resident pages (host RSS), the pages the host discarded, and,
/// when the guests together need more than the host has, swapping: the host writes resident guest pages to swap until
/// they fit, and reads them back when a guest touches them (a major fault that stalls the guest's vCPU).
/// </summary>
/// <remarks>
/// Victims are chosen by a clock hand sweeping each guest's pages in address order: the simulator keeps no accessed
/// bits, so this approximates the host's LRU by age of position rather than age of use.
/// </remarks>
public sealed class HostMemory
{
    private readonly List<HostGuestAccount> _guests = [];
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private int _hand;
    private int _handGuest;

    /// <summary>Creates the host.</summary>
    public HostMemory(HostOptions options, EventScheduler clock, EventBus events)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        CapacityPages = options.CapacityBytes is long bytes ? bytes / KernelConstants.PageSize : null;
    }

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

    /// <summary>Pages written to swap so far.</summary>
    public long SwapOutPages => _guests.Sum(guest => guest.SwapOuts);

    /// <summary>Pages read back from swap so far.</summary>
    public long SwapInPages => _guests.Sum(guest => guest.Ram.SwapIns);

    /// <summary>Host I/O time spent swapping, in nanoseconds.</summary>
    public long SwapIoNs { get; private set; }

    /// <summary>Puts a guest whose RAM the host backs with <paramref name="ram"/> on this host; returns its account.</summary>
    public HostGuestAccount Attach(GuestKernel guest, GuestRamBacking ram)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(ram);
        var account = new HostGuestAccount(guest, ram);
        _guests.Add(account);
        return account;
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
        _events.Publish(new HostDiscarded(_clock.NowNs, reason, pfn, count, resident));
    }

    /// <summary>
    /// The host's periodic accounting: publishes the refaults since the last call (the guest was already charged for
    /// each fault when it touched the page), charges the guests for the swap-ins their accesses caused since the last call,
    /// then swaps pages out until the guests fit in the capacity.
    /// </summary>
    public void Balance()
    {
        foreach (HostGuestAccount guest in _guests)
        {
            long refaults = guest.Ram.Refaults - guest.RefaultsPublished;
            if (refaults > 0)
            {
                guest.RefaultsPublished = guest.Ram.Refaults;
                _events.Publish(new HostRefaulted(_clock.NowNs, refaults));
            }

            long swapIns = guest.Ram.SwapIns - guest.SwapInsCharged;
            if (swapIns > 0)
            {
                guest.SwapInsCharged = guest.Ram.SwapIns;
                guest.Kernel.ChargeStall(swapIns * Options.Costs.SwapInNs);
                SwapIoNs += swapIns * Options.Costs.SwapInNs;
                _events.Publish(new HostSwappedIn(_clock.NowNs, swapIns));
            }
        }

        if (CapacityPages is not long capacity)
        {
            return;
        }

        long excess = ResidentPages - capacity;
        if (excess > 0)
        {
            long swapped = SwapOut(excess);
            SwapIoNs += swapped * Options.Costs.SwapOutNs;
            _events.Publish(new HostSwappedOut(_clock.NowNs, swapped));
        }
    }

    private long SwapOut(long pages)
    {
        long done = 0;
        while (done < pages)
        {
            HostGuestAccount guest = _guests[_handGuest];
            GuestRamBacking ram = guest.Ram;
            if (_hand >= ram.PageCount)
            {
                _hand = 0;
                _handGuest = (_handGuest + 1) % _guests.Count;
                continue;
            }

            if (ram.SwapOut(_hand))
            {
                guest.SwapOuts++;
                done++;
            }

            _hand++;
        }

        return done;
    }
}

/// <summary>What the host knows and counts about one guest.</summary>
public sealed class HostGuestAccount
{
    internal HostGuestAccount(GuestKernel kernel, GuestRamBacking ram)
    {
        Kernel = kernel;
        Ram = ram;
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
