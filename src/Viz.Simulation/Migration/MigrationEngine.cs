using Viz.Simulation.Host;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Migration;

/// <summary>
/// Pre-copy live migration as QEMU does it (migration/ram.c, migration/migration.c): setup marks every page dirty and
/// starts dirty logging; the migration thread walks the bitmap sending dirty pages (zero pages as a marker), within
/// the bandwidth; when what is left would fit in the downtime limit it syncs the bitmap from KVM's log, and if it
/// still fits it stops the guest and sends the rest. The precopy notifier drives free page hinting, and hints clear
/// bits from the bitmap while the host accepts them (<see cref="ApplyHint"/>). The guest runs the whole time except
/// for the stop-and-copy, so its writes race the migration exactly as dirty logging sees them.
/// </summary>
public sealed class MigrationEngine
{
    private readonly MigrationSource _source;
    private readonly GuestMemory _memory;
    private readonly GuestRamBacking _ram;
    private readonly PageBitmap _dirty;
    private readonly List<long> _dirtyPerRound = [];
    private readonly DestinationMemory _destination;
    private long _startNs;
    private int _cursor;
    private long _windowStartNs;
    private long _windowBytes;
    private double _bandwidthBytesPerNs;
    private long _bytes;
    private long _pagesNormal;
    private long _pagesZero;
    private long _skippedByHint;
    private double _workAtStart;
    private double _rateAtStart;
    private bool _hintingAtStart;
    private long _freePagesAtStart;
    private long _freeMaxOrderPagesAtStart;

    /// <summary>Creates migration number <paramref name="number"/> of <paramref name="source"/>; <see cref="Start"/> starts it.</summary>
    public MigrationEngine(MigrationSource source, MigrationParameters parameters, int number)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _memory = source.Guest.Memory;
        _ram = source.Ram;
        Parameters = parameters;
        Number = number;
        _dirty = new PageBitmap(_memory.PageCount);
        _destination = new DestinationMemory(_memory.PageCount);
    }

    /// <summary>The parameters it runs with.</summary>
    public MigrationParameters Parameters { get; }

    /// <summary>Which migration this is (ping-pong counts up).</summary>
    public int Number { get; }

    /// <summary>Where the migration is.</summary>
    public MigrationPhase Phase { get; private set; } = MigrationPhase.Setup;

    /// <summary>Whether it is still running.</summary>
    public bool IsActive => Phase is MigrationPhase.Setup or MigrationPhase.Iterating or MigrationPhase.StopAndCopy;

    /// <summary>Bitmap syncs so far.</summary>
    public int Round { get; private set; }

    /// <summary>Pages still marked dirty in the migration bitmap.</summary>
    public long RemainingDirtyPages => _dirty.SetCount;

    /// <summary>Bytes sent so far.</summary>
    public long BytesTransferred => _bytes;

    /// <summary>Dirty pages cleared by hints so far.</summary>
    public long PagesSkippedByHint => _skippedByHint;

    /// <summary>Virtual time since setup began.</summary>
    public long ElapsedNs => _source.Clock.NowNs - _startNs;

    /// <summary>The migration bitmap (for display: a page is dirty when its bit is set).</summary>
    public PageBitmap DirtyBitmap => _dirty;

    /// <summary>Whether a precopy listener sends free page hints (the guest negotiated free page hinting).</summary>
    public bool HintingNegotiated => _source.PrecopyListeners.Any(listener => listener.HintsFreePages);

    /// <summary>The result, once it ended.</summary>
    public MigrationResult? Result { get; private set; }

    /// <summary>
    /// A free page hint reached the host for pages [pfn, pfn+pages) (qemu_guest_free_page_hint), only while a migration
    /// is running: where KVM's log is cleared lazily, first the log of every chunk the range touches
    /// (migration_clear_memory_region_dirty_bitmap_range — "the skipped free pages are equivalent to be sent from
    /// clear_bmap's perspective"), so writes the guest made before the hint, such as init_on_alloc zeroing the block,
    /// do not bring the pages back at the next sync; then their bits in the migration bitmap. This runs on QEMU's
    /// iothread, not the migration thread, so its time is not the migration's.
    /// </summary>
    public void ApplyHint(int pfn, int pages)
    {
        if (!IsActive || Phase == MigrationPhase.StopAndCopy)
        {
            return;
        }

        pages = Math.Min(pages, _memory.PageCount - pfn);
        _ram.DirtyLog.ClearChunksOf(pfn, pages);
        _skippedByHint += _dirty.ClearRange(pfn, pages);
    }

    /// <summary>
    /// Cancels the migration: CLEANUP, dirty logging off, the guest stays on the source. A cancel during stop-and-copy
    /// starts the stopped guest again there (migration_iteration_finish: vm_start after MIGRATION_STATUS_CANCELLED).
    /// </summary>
    public void Cancel() => Stop(MigrationOutcome.Cancelled);

    /// <summary>
    /// A management layer's time limit ends a migration that has not converged (KubeVirt's completionTimeoutPerGiB
    /// cancels it; QEMU itself would go on): the same as a cancel, reported as not converged.
    /// </summary>
    public void GiveUp() => Stop(MigrationOutcome.NotConverged);

    private void Stop(MigrationOutcome outcome)
    {
        if (!IsActive)
        {
            return;
        }

        bool stopped = Phase == MigrationPhase.StopAndCopy;
        End(outcome);
        if (stopped)
        {
            _source.Guest.StartVcpus();
        }
    }

    /// <summary>
    /// Setup: every page dirty, dirty logging on, SETUP, the first sync. Turning logging on write-protects the backed
    /// memory unless KVM starts the log all set (KVM_DIRTY_LOG_INITIALLY_SET, with lazy clearing).
    /// </summary>
    public void Start()
    {
        _startNs = _source.Clock.NowNs;
        _workAtStart = _source.Work.UnitsDone;
        _rateAtStart = _source.Work.UnitsPerSecond;
        _hintingAtStart = HintingNegotiated;
        // What hinting can at best skip: free pages, and of those the ones in free blocks of the order it hints
        // (virtio_balloon.c VIRTIO_BALLOON_FREE_PAGE_ORDER, MAX_PAGE_ORDER: 4 MiB blocks).
        _freePagesAtStart = _source.Guest.Allocator.FreePages;
        _freeMaxOrderPagesAtStart = (long)_source.Guest.Allocator.FreeBlocks(KernelConstants.MaxOrder) * KernelConstants.MaxOrderPages;
        _source.Events.Publish(new MigrationStarted(_startNs, Number, _hintingAtStart));
        _dirty.SetAll();
        MigrationCosts costs = Parameters.Costs;
        long setupNs = costs.SetupNs + (costs.ClearBitmapShift is null ? costs.DirtyLogStartNs(_ram.Backed.SetCount) : 0);
        _ram.DirtyLog.Start(costs.ClearBitmapShift);
        Notify(PrecopyEvent.Setup);
        setupNs += Sync();
        Phase = MigrationPhase.Iterating;
        _windowStartNs = _source.Clock.NowNs + setupNs;
        _source.Clock.ScheduleAfter(setupNs, Iterate);
    }

    /// <summary>
    /// One slice of the migration thread: convergence check (migration_iteration_run), then send dirty pages for up to
    /// a slice of CPU time or until the rate-limit window's budget is spent.
    /// </summary>
    private void Iterate()
    {
        if (!IsActive)
        {
            return;
        }

        if (CheckConvergence(out long syncNs))
        {
            return;
        }

        if (syncNs > 0)
        {
            // The exact check's sync found too much dirty: the thread spent the sync's time before it sends again.
            _source.Clock.ScheduleAfter(syncNs, Iterate);
            return;
        }

        MigrationCosts costs = Parameters.Costs;
        double windowBudget = Math.Max(1, Parameters.BandwidthBytesPerSecond * (double)costs.RateWindowNs / Units.SimDuration.NsPerSecond);
        double spentNs = 0;
        while (spentNs < costs.SliceNs && _windowBytes < windowBudget)
        {
            int pfn = NextDirty();
            if (pfn < 0)
            {
                break;
            }

            _windowBytes += SendPage(pfn, out double pageNs);
            spentNs += pageNs;
        }

        long next = _source.Clock.NowNs + Math.Max(1, (long)spentNs);
        if (_windowBytes >= windowBudget || next >= _windowStartNs + costs.RateWindowNs)
        {
            long windowEnd = Math.Max(next, _windowStartNs + costs.RateWindowNs);
            _bandwidthBytesPerNs = _windowBytes / (double)(windowEnd - _windowStartNs);
            _windowStartNs = windowEnd;
            _windowBytes = 0;
            next = windowEnd;
        }

        _source.Clock.ScheduleAt(next, Iterate);
    }

    /// <summary>
    /// migration_iteration_run: when nothing is pending, or what is pending is below the threshold (measured bandwidth ×
    /// downtime limit; 0 until the first measurement, as in QEMU), do the exact check — a bitmap sync — and if it still
    /// fits, complete. A sync that leaves too much dirty counts as a round; <paramref name="syncNs"/> is the time it took.
    /// QEMU itself never gives up on a migration; past the round limit the policy a management layer applies (KubeVirt
    /// cancels a migration that makes no progress) ends it as not converged.
    /// </summary>
    private bool CheckConvergence(out long syncNs)
    {
        syncNs = 0;
        double threshold = _bandwidthBytesPerNs * Parameters.DowntimeLimitNs;
        if (!Fits(threshold))
        {
            return false;
        }

        syncNs = Sync();
        if (Fits(threshold))
        {
            Complete();
            return true;
        }

        if (Round >= Parameters.MaxRounds)
        {
            End(MigrationOutcome.NotConverged);
            return true;
        }

        return false;
    }

    private bool Fits(double thresholdBytes)
    {
        long pendingBytes = RemainingDirtyPages * KernelConstants.PageSize;
        return pendingBytes == 0 || pendingBytes < thresholdBytes;
    }

    /// <summary>
    /// migration_bitmap_sync_precopy: BEFORE_BITMAP_SYNC (hinting stops), bitmap |= KVM log (KVM_GET_DIRTY_LOG),
    /// AFTER_BITMAP_SYNC (a new hint run while the guest runs; DONE during stop-and-copy). Returns the time it took: the
    /// walk over the slot and the dirty pages it found that have mappings to write-protect again (at once when the log
    /// is cleared eagerly, chunk by chunk when lazily; counted here either way).
    /// </summary>
    private long Sync()
    {
        Notify(PrecopyEvent.BeforeBitmapSync);
        long found = _ram.DirtyLog.Collect(_dirty);
        Round++;
        _dirtyPerRound.Add(RemainingDirtyPages);
        _source.Events.Publish(new BitmapSynced(_source.Clock.NowNs, Round, RemainingDirtyPages));
        Notify(PrecopyEvent.AfterBitmapSync);
        return Parameters.Costs.SyncNs(_memory.PageCount, found);
    }

    /// <summary>
    /// Stop-and-copy: stop the guest, COMPLETE, final sync, send the rest and the device state, resume on the
    /// destination. QEMU lifts the rate limit for it (migration_completion_precopy: migration_rate_set(RATE_LIMIT_DISABLED)),
    /// so the downtime is the sync, each page's own cost, the device state through the stream and the switchover —
    /// whatever max-bandwidth says.
    /// </summary>
    private void Complete()
    {
        Phase = MigrationPhase.StopAndCopy;
        _source.Guest.StopVcpus();
        Notify(PrecopyEvent.Complete);
        MigrationCosts costs = Parameters.Costs;
        double downtimeNs = Sync();
        long pages = RemainingDirtyPages;
        for (int pfn = NextDirty(); pfn >= 0; pfn = NextDirty())
        {
            SendPage(pfn, out double pageNs);
            downtimeNs += pageNs;
        }

        _bytes += costs.DeviceStateBytes;
        long downtime = (long)(downtimeNs + costs.StreamNs(costs.DeviceStateBytes)) + costs.SwitchoverNs;
        _source.Events.Publish(new StopAndCopy(_source.Clock.NowNs, pages, downtime));
        _source.Clock.ScheduleAfter(downtime, () => Switchover(downtime));
    }

    private void Switchover(long downtime)
    {
        if (Phase != MigrationPhase.StopAndCopy)
        {
            return; // cancelled during stop-and-copy: the guest already runs on the source again
        }

        long mismatched = Verify(out int first);
        if (mismatched > 0)
        {
            _source.Events.Publish(new MigrationMismatch(_source.Clock.NowNs, mismatched, first));
        }

        AdoptDestination();
        End(MigrationOutcome.Completed, downtime, mismatched);
        _source.Guest.StartVcpus();
    }

    /// <summary>
    /// The guest now runs on the destination: every page holds what the destination received, the destination host
    /// backs what it populated, and nothing is discarded there.
    /// </summary>
    private void AdoptDestination()
    {
        _memory.ReplaceContents(_destination.Kinds, _destination.Versions);
        _ram.AdoptDestination(_destination.Backed);
    }

    /// <summary>
    /// Compares the destination with the source for every page the guest can observe: allocated and kernel pages
    /// always; free pages (and those isolated for reporting) when the guest relies on their content — page_poison
    /// checks 0xaa on allocation, init_on_free skips zeroing because it expects zeroes. Hinted and ballooned pages
    /// hold no content the guest may rely on (virtio spec: hinted pages are uninitialised).
    /// </summary>
    private long Verify(out int first)
    {
        bool freeObservable = _source.Guest.Poison != PoisonMode.Off;
        long mismatched = 0;
        first = -1;
        for (int pfn = 0; pfn < _memory.PageCount; pfn++)
        {
            PageState state = _memory.StateOf(pfn);
            bool observable = state is PageState.Allocated or PageState.Kernel
                || (freeObservable && state is PageState.Free or PageState.Reporting);
            if (observable && !_memory.ContentOf(pfn).SameBytesAs(_destination.ContentOf(pfn)))
            {
                mismatched++;
                if (first < 0)
                {
                    first = pfn;
                }
            }
        }

        return mismatched;
    }

    private void End(MigrationOutcome outcome, long downtime = 0, long mismatched = 0)
    {
        Phase = outcome switch
        {
            MigrationOutcome.Completed => MigrationPhase.Completed,
            MigrationOutcome.Cancelled => MigrationPhase.Cancelled,
            _ => MigrationPhase.NotConverged,
        };
        Notify(PrecopyEvent.Cleanup);
        _ram.DirtyLog.Stop();
        double work = _source.Work.UnitsDone - _workAtStart;
        double expected = _rateAtStart * ElapsedNs / Units.SimDuration.NsPerSecond;
        Result = new MigrationResult
        {
            Outcome = outcome,
            // A migration is a hinting one when it started with hinting or took hints: a device reset during it (the
            // user turning hinting off) does not undo the pages the hints already skipped.
            Hinting = _hintingAtStart || _skippedByHint > 0,
            TotalTimeNs = ElapsedNs,
            DowntimeNs = downtime,
            Rounds = Round,
            BytesTransferred = _bytes,
            PagesNormal = _pagesNormal,
            PagesZero = _pagesZero,
            PagesSkippedByHint = _skippedByHint,
            DirtyPagesPerRound = [.. _dirtyPerRound],
            Verified = outcome == MigrationOutcome.Completed,
            MismatchedPages = mismatched,
            WorkDone = work,
            WorkLost = Math.Max(0, expected - work),
            GuestPages = _memory.PageCount,
            FreePagesAtStart = _freePagesAtStart,
            FreeMaxOrderPagesAtStart = _freeMaxOrderPagesAtStart,
        };
        _source.Events.Publish(new MigrationEnded(_source.Clock.NowNs, Result));
        _source.Owner.OnMigrationEnded(this);
    }

    private int NextDirty()
    {
        int pfn = _dirty.NextSet(_cursor);
        if (pfn < 0)
        {
            pfn = _dirty.NextSet(0);
        }

        if (pfn >= 0)
        {
            _dirty.Set(pfn, false);
            _cursor = pfn + 1;
        }

        return pfn;
    }

    /// <summary>
    /// Sends one page: where KVM's log is cleared lazily, first its chunk's log if the chunk has not been cleared since
    /// the sync (migration_bitmap_clear_dirty → migration_clear_memory_region_dirty_bitmap); then a zero-page marker
    /// when it reads as zero (save_zero_page), else the whole page. <paramref name="ns"/> is the migration thread's time.
    /// </summary>
    private long SendPage(int pfn, out double ns)
    {
        MigrationCosts costs = Parameters.Costs;
        bool cleared = _ram.DirtyLog.ClearChunkOf(pfn);
        PageContent content = _memory.ContentOf(pfn);
        _destination.Receive(pfn, content);
        ns = costs.PageNs(content.Kind, _ram.Backed.Get(pfn)) + (cleared ? costs.ClearChunkNs : 0);
        long bytes;
        if (content.Kind == ContentKind.Zero)
        {
            _pagesZero++;
            bytes = costs.ZeroPageBytes;
        }
        else
        {
            _pagesNormal++;
            bytes = costs.NormalPageBytes;
        }

        _bytes += bytes;
        return bytes;
    }

    private void Notify(PrecopyEvent precopyEvent)
    {
        foreach (IPrecopyListener listener in _source.PrecopyListeners)
        {
            listener.OnPrecopy(precopyEvent, _source.Guest.VcpusRunning);
        }
    }
}
