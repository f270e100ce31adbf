using Viz.Simulation.Core;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Guest;

/// <summary>
/// Free page reporting in the guest kernel (mm/page_reporting.c, Linux ≥ 5.7) for the simulated guest's one zone:
/// qualifying frees request a pass; a pass runs <see cref="DelayNs"/> later, isolates unreported free blocks of the
/// reporting order and above in batches of <see cref="Capacity"/>, reports each batch and waits for the device, then
/// puts the blocks back at their lists' tails without a new notification and marks the ones that did not merge
/// PG_reported.
/// </summary>
/// <remarks>
/// A pass is a coroutine: where the kernel's worker sleeps in report() until the device answers, this one yields the
/// batch and resumes when the device completes it, so the guest keeps running meanwhile, as it does on other CPUs.
/// </remarks>
public sealed class PageReportingWorker : IFreeBlockHook
{
    /// <summary>PAGE_REPORTING_CAPACITY (include/linux/page_reporting.h): blocks per report.</summary>
    public const int Capacity = 32;

    /// <summary>PAGE_REPORTING_DELAY (mm/page_reporting.c): 2 s between a request and the pass.</summary>
    public const long DelayNs = 2 * SimDuration.NsPerSecond;

    /// <summary>
    /// The budget divisor of page_reporting_cycle: each pass reports about 1/16 of a list (plus one batch), so an idle
    /// guest's free memory is reported in about 30 s.
    /// </summary>
    public const int BudgetDivisor = 16;

    /// <summary>
    /// page_reporting_order on x86-64: pageblock_order (9, 2 MiB), because virtio-balloon asks for its own order only
    /// when the guest page is larger than 4 KiB (virtballoon_probe) and page_reporting_register then falls back.
    /// </summary>
    public const int DefaultOrder = KernelConstants.PageblockOrder;

    private readonly GuestKernel _kernel;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private readonly IPageReportingDevice _device;
    private bool _awaitingReport;
    private IEnumerator<IReadOnlyList<FreeBlock>>? _pass;
    private bool _lastReportSucceeded;
    private bool _reportFailed;
    private bool _registered;
    private long _generation;

    /// <summary>Creates the worker for <paramref name="device"/>; it does nothing until registered.</summary>
    public PageReportingWorker(GuestKernel kernel, IPageReportingDevice device, EventScheduler clock, EventBus events, int order = DefaultOrder)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)order, (uint)KernelConstants.MaxOrder, nameof(order));
        Order = order;
    }

    /// <summary>page_reporting_order: the smallest block order reported.</summary>
    public int Order { get; }

    /// <summary>The state.</summary>
    public PageReportingState State { get; private set; } = PageReportingState.Idle;

    /// <summary>Reports sent.</summary>
    public long Reports { get; private set; }

    /// <summary>Blocks marked PG_reported after a report.</summary>
    public long BlocksMarked { get; private set; }

    /// <summary>
    /// page_reporting_register: hooks the free path and requests a first pass, which reports the memory already free.
    /// </summary>
    public void Register()
    {
        if (_registered)
        {
            return;
        }

        _registered = true;
        _kernel.RegisterPageReporting(this);
        Request();
    }

    /// <summary>
    /// page_reporting_unregister: unhooks the free path and cancels a scheduled pass (cancel_delayed_work_sync). A pass
    /// already running finishes first; the caller lets the device answer so that it can.
    /// </summary>
    public void Unregister()
    {
        if (!_registered)
        {
            return;
        }

        _registered = false;
        _kernel.UnregisterPageReporting(this);
        _generation++;
        if (_pass is null)
        {
            SetState(PageReportingState.Idle);
        }
    }

    /// <summary>page_reporting_notify_free: frees that merged to the reporting order or above request a pass.</summary>
    public void OnBlockFreed(int order)
    {
        if (order >= Order)
        {
            Request();
        }
    }

    /// <summary>__page_reporting_request: REQUESTED; if it was IDLE, schedule the pass after the delay.</summary>
    private void Request()
    {
        if (State == PageReportingState.Requested)
        {
            return;
        }

        PageReportingState previous = State;
        SetState(PageReportingState.Requested);
        if (previous == PageReportingState.Idle)
        {
            Schedule();
        }
    }

    private void Schedule()
    {
        long generation = _generation;
        _clock.ScheduleAfter(DelayNs, () => _kernel.OnVcpu(() =>
        {
            if (generation == _generation && _registered)
            {
                StartPass();
            }
        }));
    }

    /// <summary>page_reporting_process: ACTIVE, then the zone.</summary>
    private void StartPass()
    {
        SetState(PageReportingState.Active);
        _reportFailed = false;
        _pass = ProcessZone().GetEnumerator();
        Advance();
    }

    /// <summary>The device acknowledged the report in flight (or could not take it): the pass goes on.</summary>
    public void ReportCompleted(bool succeeded)
    {
        if (!_awaitingReport)
        {
            return;
        }

        _awaitingReport = false;
        _lastReportSucceeded = succeeded;
        Advance();
    }

    /// <summary>Runs the pass to its next report (handing the batch to the device) or to its end.</summary>
    private void Advance()
    {
        if (_pass is null)
        {
            return;
        }

        if (_pass.MoveNext())
        {
            Reports++;
            _awaitingReport = true;
            if (!_device.Report(_pass.Current))
            {
                ReportCompleted(false);
            }

            return;
        }

        _pass.Dispose();
        _pass = null;

        // End of page_reporting_process: ACTIVE → IDLE, unless a request came in meanwhile (REQUESTED): then again
        // after the delay.
        if (State == PageReportingState.Active || !_registered)
        {
            SetState(PageReportingState.Idle);
        }
        else
        {
            Schedule();
        }
    }

    /// <summary>
    /// page_reporting_process_zone: skip the zone unless its free memory is above low + 32 × 2^order; run one cycle per
    /// order from the reporting order up; finally report the partly filled batch left over.
    /// </summary>
    private IEnumerable<IReadOnlyList<FreeBlock>> ProcessZone()
    {
        long threshold = _kernel.Watermarks.Low + ((long)Capacity << Order);
        if (_kernel.Allocator.FreePages <= threshold)
        {
            _events.Publish(new PageReportingZoneSkipped(_clock.NowNs, _kernel.Allocator.FreePages, threshold));
            yield break;
        }

        List<FreeBlock> batch = new(Capacity);
        for (int order = Order; order <= KernelConstants.MaxOrder; order++)
        {
            foreach (IReadOnlyList<FreeBlock> report in Cycle(order, batch))
            {
                yield return report;
            }

            // page_reporting_process_zone returns on a failed report; the failed batch was already drained.
            if (_reportFailed)
            {
                yield break;
            }
        }

        if (batch.Count > 0)
        {
            yield return batch.ToArray();
            Drain(batch);
        }
    }

    /// <summary>
    /// page_reporting_cycle over one free list: walk from the head skipping reported blocks; isolate unreported ones
    /// into the batch; when the batch is full and another unreported block turns up, rotate that block to the head,
    /// report, drain and restart from the head. The budget is ceil(nr_free / (32 × 16)) reports; when it runs out the
    /// state goes back to REQUESTED so that another pass follows. Isolation fails when it would take the zone to the
    /// min watermark + the block (__isolate_free_page); the walk stops there.
    /// </summary>
    private IEnumerable<IReadOnlyList<FreeBlock>> Cycle(int order, List<FreeBlock> batch)
    {
        BuddyAllocator allocator = _kernel.Allocator;
        if (allocator.Head(order) < 0)
        {
            yield break;
        }

        long budget = (allocator.FreeBlocks(order) + ((long)Capacity * BudgetDivisor) - 1) / ((long)Capacity * BudgetDivisor);
        int stoppedAt = -1;
        int pfn = allocator.Head(order);
        while (pfn >= 0)
        {
            int following = allocator.Next(pfn);
            if (allocator.IsReported(pfn))
            {
                pfn = following;
                continue;
            }

            if (budget < 0)
            {
                SetState(PageReportingState.Requested);
                stoppedAt = pfn;
                break;
            }

            if (batch.Count < Capacity)
            {
                if (!TryIsolate(pfn, order))
                {
                    stoppedAt = pfn;
                    break;
                }

                batch.Add(new FreeBlock(pfn, order));
                pfn = following;
                continue;
            }

            allocator.MoveToHead(pfn);
            yield return batch.ToArray();
            budget--;
            Drain(batch);
            pfn = allocator.Head(order);
            if (!_lastReportSucceeded)
            {
                _reportFailed = true;
                stoppedAt = pfn;
                break;
            }
        }

        // The first block not processed goes to the head, so the next pass starts there.
        if (stoppedAt >= 0 && allocator.FreeOrderAt(stoppedAt) == order)
        {
            allocator.MoveToHead(stoppedAt);
        }
    }

    /// <summary>__isolate_free_page's watermark check: refuse if free memory would not stay above min + 2^order.</summary>
    private bool TryIsolate(int pfn, int order)
    {
        if (_kernel.Allocator.FreePages <= _kernel.Watermarks.Min + (1L << order))
        {
            return false;
        }

        _kernel.Allocator.Isolate(pfn, order, PageState.Reporting);
        return true;
    }

    /// <summary>
    /// page_reporting_drain: __putback_isolated_page (FPI_SKIP_REPORT_NOTIFY | FPI_TO_TAIL: tail, may merge, no new
    /// request), then PG_reported on blocks that are still free blocks of the same order — only if the report succeeded.
    /// </summary>
    private void Drain(List<FreeBlock> batch)
    {
        int marked = 0;
        foreach (FreeBlock block in batch)
        {
            _kernel.Allocator.Free(block.Pfn, block.Order, PageState.Reporting, FreePlacement.ToTail);
            if (_lastReportSucceeded && _kernel.Allocator.MarkReported(block.Pfn, block.Order))
            {
                marked++;
            }
        }

        BlocksMarked += marked;
        _events.Publish(new PageReportingDrained(_clock.NowNs, batch.Count, marked));
        batch.Clear();
    }

    private void SetState(PageReportingState state)
    {
        PageReportingState old = State;
        State = state;
        if (old != state)
        {
            _events.Publish(new PageReportingStateChanged(_clock.NowNs, old, state));
        }
    }
}
