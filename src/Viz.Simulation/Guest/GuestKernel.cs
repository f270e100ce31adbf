using Viz.Simulation.Core;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>
/// The guest kernel's memory manager around the buddy allocator: boot, the free path (free_pages_prepare:
/// poisoning, init_on_free), the allocation path (watermarks, reclaim, post_alloc_hook: the poison check,
/// init_on_alloc), and the time that faults and reclaim steal from the guest's vCPUs.
/// </summary>
public sealed class GuestKernel
{
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    /// <summary>DEF_PRIORITY (include/linux/mmzone.h): reclaim's first pass scans 1/4096 of each list.</summary>
    private const int DefPriority = 12;

    /// <summary>DEFAULT_SEEKS (include/linux/shrinker.h): what shrinker_alloc gives a shrinker that sets none.</summary>
    private const int DefaultSeeks = 2;

    /// <summary>SHRINK_BATCH (mm/shrinker.c): objects per scan_objects call when the shrinker sets no batch.</summary>
    private const long ShrinkBatch = 128;

    private readonly List<IShrinker> _shrinkers = [];
    private readonly Queue<Action> _waitingForVcpus = new();
    private readonly List<IOomNotifier> _oomNotifiers = [];
    private long _stallNs;
    private IFreeBlockHook? _pageReporting;

    /// <summary>Creates and boots a guest whose writes <paramref name="writes"/> sees (the host backing its RAM).</summary>
    public GuestKernel(GuestOptions options, EventScheduler clock, EventBus events, IGuestWriteTracker writes)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        Costs = options.Costs;
        HintDesign = options.HintDesign;
        Memory = new GuestMemory(options.MemoryBytes, writes);
        Allocator = new BuddyAllocator(Memory);
        SetPoisoning(options.Poison, options.InitOnAlloc);
        BootLayout = KernelLayout.For(Memory.PageCount);
        Boot();
        Watermarks = Watermarks.For(Allocator.FreePages, options.TransparentHugePages);
        PageCache = new PageCache(this);
    }

    /// <summary>The guest's pages.</summary>
    public GuestMemory Memory { get; }

    /// <summary>The buddy allocator.</summary>
    public BuddyAllocator Allocator { get; }

    /// <summary>The zone watermarks, fixed at boot from the memory the buddy allocator manages.</summary>
    public Watermarks Watermarks { get; }

    /// <summary>Where boot reserved memory for the kernel.</summary>
    public KernelLayout BootLayout { get; }

    /// <summary>The page cache (file pages on an LRU), reclaimable under pressure.</summary>
    public PageCache PageCache { get; }

    /// <summary>The free page hinting design of the guest's balloon driver.</summary>
    public FreePageHintDesign HintDesign { get; }

    /// <summary>Stall costs.</summary>
    public GuestCosts Costs { get; }

    /// <summary>The poison mode in force.</summary>
    public PoisonMode Poison { get; private set; }

    /// <summary>Whether init_on_alloc was asked for on the command line.</summary>
    public bool InitOnAllocRequested { get; private set; }

    /// <summary>
    /// Whether allocations really zero pages: init_on_alloc, unless page_poison (which turns both init options off at
    /// boot, mm/mm_init.c) or init_on_free (post_alloc_hook skips the zeroing then) is on.
    /// </summary>
    public bool InitOnAlloc => InitOnAllocRequested && Poison == PoisonMode.Off;

    /// <summary>
    /// The value the guest would announce in the device's poison_val: 0 with init_on_free, PAGE_POISON replicated into
    /// all four bytes (0xaaaaaaaa) with page_poison (drivers/virtio/virtio_balloon.c virtballoon_probe memsets
    /// poison_val with the byte), or null when free pages have no guaranteed content.
    /// </summary>
    public uint? PoisonValue => Poison switch
    {
        PoisonMode.PagePoison => 0x01010101u * KernelConstants.PagePoison,
        PoisonMode.InitOnFree => 0,
        _ => null,
    };

    /// <summary>Pages whose poison check failed on allocation.</summary>
    public long PoisonErrorPages { get; private set; }

    /// <summary>Allocations that failed even after reclaim.</summary>
    public long OutOfMemoryEvents { get; private set; }

    /// <summary>Pages reclaimed, by kswapd and directly.</summary>
    public long ReclaimedPages { get; private set; }

    /// <summary>Whether the guest's vCPUs run (false while a migration's stop-and-copy has the VM stopped).</summary>
    public bool VcpusRunning { get; private set; } = true;

    /// <summary>
    /// Runs guest work (a workqueue item, a driver's deferred step) now, or, while the vCPUs are stopped, as soon as
    /// they run again: nothing in a stopped guest runs.
    /// </summary>
    public void OnVcpu(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (VcpusRunning)
        {
            work();
        }
        else
        {
            _waitingForVcpus.Enqueue(work);
        }
    }

    /// <summary>Stops the vCPUs: guest work waits until <see cref="StartVcpus"/>.</summary>
    public void StopVcpus() => VcpusRunning = false;

    /// <summary>Starts the vCPUs again and runs the guest work that fell due while they were stopped, in order.</summary>
    public void StartVcpus()
    {
        VcpusRunning = true;
        while (VcpusRunning && _waitingForVcpus.TryDequeue(out Action? work))
        {
            work();
        }
    }

    /// <summary>Registers a shrinker (register_shrinker / shrinker_register): reclaim asks it alongside the page cache.</summary>
    public void AddShrinker(IShrinker shrinker)
    {
        ArgumentNullException.ThrowIfNull(shrinker);
        _shrinkers.Add(shrinker);
    }

    /// <summary>Unregisters a shrinker (its driver going away).</summary>
    public void RemoveShrinker(IShrinker shrinker) => _shrinkers.Remove(shrinker);

    /// <summary>Adds a callback to the OOM notifier chain (register_oom_notifier).</summary>
    public void AddOomNotifier(IOomNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _oomNotifiers.Add(notifier);
    }

    /// <summary>Removes a callback from the OOM notifier chain (unregister_oom_notifier).</summary>
    public void RemoveOomNotifier(IOomNotifier notifier) => _oomNotifiers.Remove(notifier);

    /// <summary>
    /// Returns the stall time charged and not yet taken, at most <paramref name="maxNs"/>; the rest stays for the next
    /// call (a vCPU that waits longer than one tick on a fault also loses the next tick).
    /// </summary>
    public long TakeStallNs(long maxNs = long.MaxValue)
    {
        long stall = Math.Min(_stallNs, maxNs);
        _stallNs -= stall;
        return stall;
    }

    /// <summary>Charges time stolen from the guest's vCPUs (faults, reclaim, later: dirty logging).</summary>
    public void ChargeStall(long ns) => _stallNs += ns;

    /// <summary>
    /// Allocates a block of <paramref name="order"/> pages for <paramref name="owner"/> as __alloc_pages does:
    /// the fast path above the low watermark; below it kswapd reclaims to the high watermark; a request that would take
    /// free memory below min reclaims directly or fails, depending on <paramref name="mode"/>. Then post_alloc_hook:
    /// with page_poison the pages are checked for 0xaa, with init_on_alloc they are zeroed. Returns the first page,
    /// or -1 when the allocation failed.
    /// </summary>
    public int Allocate(int order, AllocMode mode, string source, PageState owner = PageState.Allocated)
    {
        long need = 1L << order;
        if (mode != AllocMode.NoReclaim && Allocator.FreePages - need < Watermarks.Low)
        {
            Reclaim(Watermarks.High + need - Allocator.FreePages, direct: false);
        }

        int pfn = Allocator.FreePages - need >= Watermarks.Min ? Allocator.Allocate(order, owner) : -1;
        if (pfn < 0 && mode != AllocMode.NoReclaim)
        {
            Reclaim(Watermarks.Min + need - Allocator.FreePages, direct: true);
            pfn = Allocator.FreePages - need >= Watermarks.Min ? Allocator.Allocate(order, owner) : -1;
        }

        // out_of_memory() first calls the OOM notifier chain; if a notifier freed memory the page allocator retries
        // (__alloc_pages_may_oom reports progress) instead of killing a task (mm/oom_kill.c).
        while (pfn < 0 && mode == AllocMode.Normal && NotifyOutOfMemory() > 0)
        {
            pfn = Allocator.FreePages - need >= Watermarks.Min ? Allocator.Allocate(order, owner) : -1;
        }

        if (pfn < 0)
        {
            if (mode == AllocMode.Normal)
            {
                OutOfMemoryEvents++;
                _events.Publish(new OutOfMemory(_clock.NowNs, source, order));
            }

            return -1;
        }

        PostAllocHook(pfn, 1 << order);
        return pfn;
    }

    /// <summary>
    /// Frees a block through free_pages_prepare (page_poison writes 0xaa, init_on_free writes zeroes) and
    /// __free_one_page, then tells page reporting, if registered, the order the block merged into.
    /// </summary>
    public void Free(int pfn, int order, PageState from = PageState.Allocated)
    {
        FreePagesPrepare(pfn, 1 << order);
        int merged = Allocator.Free(pfn, order, from);
        _pageReporting?.OnBlockFreed(merged);
    }

    /// <summary>
    /// page_reporting_register: hooks the free path for <paramref name="hook"/>. There is one page reporting device at
    /// most (pr_dev_info); a second registration fails with -EBUSY.
    /// </summary>
    public void RegisterPageReporting(IFreeBlockHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (_pageReporting is not null)
        {
            throw new InvalidOperationException("page reporting is already registered (-EBUSY)");
        }

        _pageReporting = hook;
    }

    /// <summary>page_reporting_unregister: unhooks the free path, if <paramref name="hook"/> is the one registered.</summary>
    public void UnregisterPageReporting(IFreeBlockHook hook)
    {
        if (ReferenceEquals(_pageReporting, hook))
        {
            _pageReporting = null;
        }
    }

    /// <summary>The guest writes data into pages [pfn, pfn+count); unbacked pages fault in on the host.</summary>
    public void Write(int pfn, int count)
    {
        Charge(Memory.WriteData(pfn, count));
    }

    /// <summary>
    /// Switches poisoning as a reboot with other kernel options would: from now on the free and allocation paths
    /// follow the new mode, and all memory that is free now gets the content the new free path gives it (boot
    /// poisons or zeroes every page it hands to the buddy allocator), so that no page fails a check it was never
    /// prepared for.
    /// </summary>
    public void SetPoisoning(PoisonMode poison, bool initOnAlloc)
    {
        bool changed = poison != Poison;
        Poison = poison;
        InitOnAllocRequested = initOnAlloc;
        if (!changed)
        {
            return;
        }

        // The new boot's struct pages carry no PG_reported: page reporting reports every free page anew.
        for (int order = 0; order < KernelConstants.OrderCount; order++)
        {
            foreach (int pfn in Allocator.ListBlocks(order))
            {
                FreePagesPrepare(pfn, 1 << order);
                Memory.Reported.ClearRange(pfn, 1 << order);
            }
        }
    }

    private void Boot()
    {
        // What boot keeps holds data: firmware tables, the kernel image, the initialised struct pages.
        foreach ((int start, int end) in BootLayout.ReservedRanges(Memory.PageCount))
        {
            Memory.WriteData(start, end - start);
        }

        // memblock_free_all → __free_pages_memory: every range not reserved goes to the buddy allocator in the largest
        // aligned blocks, lowest address first, each with FPI_TO_TAIL (__free_pages_core since Linux 5.10), so
        // allocations start from low memory.
        foreach ((int start, int end) in BootLayout.FreeRanges(Memory.PageCount))
        {
            int pfn = start;
            while (pfn < end)
            {
                int order = Math.Min(KernelConstants.MaxOrder, pfn == 0 ? KernelConstants.MaxOrder : System.Numerics.BitOperations.TrailingZeroCount(pfn));
                while (pfn + (1 << order) > end)
                {
                    order--;
                }

                FreePagesPrepare(pfn, 1 << order);
                Allocator.Free(pfn, order, PageState.Kernel, FreePlacement.ToTail);
                pfn += 1 << order;
            }
        }
    }

    private void FreePagesPrepare(int pfn, int count)
    {
        switch (Poison)
        {
            case PoisonMode.PagePoison:
                Charge(Memory.Fill(pfn, count, ContentKind.Poison));
                break;
            case PoisonMode.InitOnFree:
                Charge(Memory.Fill(pfn, count, ContentKind.Zero));
                break;
            case PoisonMode.Off:
                break;
        }
    }

    /// <summary>
    /// The CPU time post_alloc_hook spends on an allocation of <paramref name="order"/>: zeroing it under
    /// init_on_alloc, checking its poison under page_poison, nothing otherwise.
    /// </summary>
    public long PostAllocNs(int order)
    {
        long pageNs = InitOnAlloc ? Costs.InitPageNs : Poison == PoisonMode.PagePoison ? Costs.PoisonCheckPageNs : 0;
        return pageNs << order;
    }

    private void PostAllocHook(int pfn, int count)
    {
        if (Poison == PoisonMode.PagePoison)
        {
            // kernel_unpoison_pages → check_poison_mem: reads every page, reports the ones that do not hold 0xaa,
            // writes nothing.
            int bad = Memory.CountContentOtherThan(pfn, count, ContentKind.Poison);
            if (bad > 0)
            {
                int first = Memory.FirstContentOtherThan(pfn, count, ContentKind.Poison);
                PoisonErrorPages += bad;
                _events.Publish(new PoisonCorruption(_clock.NowNs, first, bad, Memory.ContentOf(first).Kind));
            }
        }

        if (InitOnAlloc)
        {
            Charge(Memory.Fill(pfn, count, ContentKind.Zero));
        }
    }

    private void Charge(WriteFaults faults) =>
        _stallNs += (faults.Host * Costs.HostFaultNs) + (faults.DirtyLog * Costs.DirtyLogFaultNs);

    private long NotifyOutOfMemory()
    {
        long freed = 0;
        for (int i = 0; i < _oomNotifiers.Count; i++)
        {
            freed += _oomNotifiers[i].OnOutOfMemory();
        }

        return freed;
    }

    /// <summary>
    /// Reclaims <paramref name="pages"/> as shrink_node does: passes at falling priority (DEF_PRIORITY 12 down to 0),
    /// each scanning the page cache LRU by its size >> priority (get_scan_count) and then every shrinker in the same pass
    /// (shrink_node_memcgs: shrink_lruvec, then shrink_slab), until enough is freed. A shrinker is asked for
    /// (count >> priority) × 4 / seeks objects, at most twice its count, in batches of 128 (do_shrink_slab; deferred work
    /// from earlier passes is not carried over here).
    /// </summary>
    private void Reclaim(long pages, bool direct)
    {
        long freed = 0;
        long lruFreed = 0;
        for (int priority = DefPriority; priority >= 0 && freed < pages; priority--)
        {
            long scan = priority == 0 ? PageCache.Pages : PageCache.Pages >> priority;
            long evicted = PageCache.Reclaim(Math.Min(scan, pages - freed));
            lruFreed += evicted;
            freed += evicted;
            foreach (IShrinker shrinker in _shrinkers.ToArray())
            {
                freed += ShrinkSlab(shrinker, priority);
            }
        }

        if (freed == 0)
        {
            return;
        }

        ReclaimedPages += freed;
        if (direct)
        {
            // Scanning and unmapping LRU pages is the cost; a shrinker handing back whole free blocks is a list pop each.
            _stallNs += lruFreed * Costs.DirectReclaimNsPerPage;
        }

        _events.Publish(new Reclaimed(_clock.NowNs, freed, direct));
    }

    /// <summary>do_shrink_slab for one shrinker at <paramref name="priority"/>; returns the pages it freed.</summary>
    private static long ShrinkSlab(IShrinker shrinker, int priority)
    {
        long freeable = shrinker.Count();
        if (freeable == 0)
        {
            return 0;
        }

        long total = Math.Min((freeable >> priority) * 4 / DefaultSeeks, 2 * freeable);
        long freed = 0;
        while (total >= ShrinkBatch || (total > 0 && total >= freeable))
        {
            long batch = Math.Min(ShrinkBatch, total);
            freed += shrinker.Scan(batch);
            total -= batch;
            freeable = shrinker.Count();
            if (freeable == 0)
            {
                break;
            }
        }

        return freed;
    }
}
