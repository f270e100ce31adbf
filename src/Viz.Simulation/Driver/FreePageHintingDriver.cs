using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Driver;

/// <summary>
/// The guest driver's free page hinting (drivers/virtio/virtio_balloon.c, Linux ≥ 4.20): on a config interrupt it
/// re-reads free_page_hint_cmd_id; a new run id starts a pass that sends the id, allocates order-10 blocks without
/// reclaim and sends each one, and ends with STOP; the blocks stay allocated (shown as hinted) until the host says DONE
/// or memory pressure makes the shrinker give them back.
/// </summary>
public sealed class FreePageHintingDriver : IShrinker
{
    /// <summary>VIRTIO_BALLOON_HINT_BLOCK_ORDER: MAX_PAGE_ORDER, 4 MiB blocks.</summary>
    public const int HintBlockOrder = KernelConstants.MaxOrder;

    /// <summary>VIRTIO_BALLOON_HINT_BLOCK_PAGES.</summary>
    public const int HintBlockPages = 1 << HintBlockOrder;

    private readonly GuestKernel _kernel;
    private readonly BalloonDevice _device;
    private readonly Virtqueue _queue;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;

    // free_page_list: balloon_page_push adds at the head and return_free_pages_to_mm pops from the head.
    private readonly Stack<int> _held = new();

    // v28: the free blocks walk_free_mem_block found when the pass started, largest order first.
    private readonly Queue<(int Pfn, int Order)> _walk = new();
    private bool _readCmdIdPending;
    private bool _workQueued;
    private bool _passRunning;
    private bool _waitingForRoom;
    private bool _removed;
    private long _shrunk;

    /// <summary>Creates the hinting part of a driver bound to <paramref name="device"/>, which has a free_page_vq.</summary>
    public FreePageHintingDriver(GuestKernel kernel, BalloonDevice device, EventScheduler clock, EventBus events)
    {
        _kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _queue = device.Queue(VirtqueueKind.FreePage) ?? throw new ArgumentException("the device has no free_page_vq", nameof(device));
    }

    /// <summary>cmd_id_received_cache: the id the driver last read (STOP at probe).</summary>
    public uint CmdIdReceived { get; private set; } = HintCommandIds.Stop;

    /// <summary>cmd_id_active: the id of the last pass the driver started (STOP at probe).</summary>
    public uint CmdIdActive { get; private set; } = HintCommandIds.Stop;

    /// <summary>Blocks held (num_free_page_blocks).</summary>
    public int HeldBlocks => _held.Count;

    /// <summary>Whether a hinting pass is running.</summary>
    public bool PassRunning => _passRunning;

    /// <summary>
    /// virtio_balloon_queue_free_page_work, from the config interrupt: mark the id for re-reading and queue the work,
    /// unless the mark was still set (then the work is queued already).
    /// </summary>
    public void OnConfigChange()
    {
        if (_removed || _readCmdIdPending)
        {
            return;
        }

        _readCmdIdPending = true;
        QueueWork();
    }

    /// <summary>virtio_balloon_shrinker_count: the pages of the blocks held.</summary>
    public long Count() => (long)_held.Count * HintBlockPages;

    /// <summary>
    /// virtio_balloon_shrinker_scan → shrink_free_pages: the request rounded up to whole 4 MiB blocks, which go back
    /// to the free lists ("We're allowed to reuse any free pages, even if they are still to be processed by the host").
    /// </summary>
    public long Scan(long objects)
    {
        long blocks = (objects + HintBlockPages - 1) / HintBlockPages;
        long returned = ReturnBlocks(blocks, reason: null);
        if (returned > 0 && _shrunk == 0)
        {
            // One event for all the batches of one reclaim, not one per 128-object batch.
            _clock.ScheduleAfter(0, PublishShrunk);
        }

        _shrunk += returned;
        return returned * HintBlockPages;
    }

    private void PublishShrunk()
    {
        _events.Publish(new HintBlocksReturned(_clock.NowNs, _shrunk, "shrinker"));
        _shrunk = 0;
    }

    /// <summary>
    /// Driver removal begins (virtballoon_remove: cancel_work_sync(&amp;vb->report_free_page_work) before anything is
    /// flushed): no pass runs or goes on from now on, so no block is taken while the device is being emptied.
    /// </summary>
    public void Cancel() => _removed = true;

    /// <summary>Driver removal (remove_common): every held block goes back.</summary>
    public void Remove()
    {
        _removed = true;
        ReturnBlocks(long.MaxValue, "driver removal");
    }

    /// <summary>report_free_page_work is queued on balloon_wq; a work item is queued at most once.</summary>
    private void QueueWork()
    {
        if (_workQueued)
        {
            return;
        }

        _workQueued = true;
        _clock.ScheduleAfter(0, () => _kernel.OnVcpu(RunWork));
    }

    /// <summary>
    /// report_free_page_func: DONE gives every block back; STOP or the id of the pass already run does nothing; a new
    /// id runs a pass. A work item does not run while it is still running, so it waits for the pass to end.
    /// </summary>
    private void RunWork()
    {
        if (_removed || _passRunning)
        {
            return;
        }

        _workQueued = false;
        uint id = ReadCmdId();
        if (id == HintCommandIds.Done)
        {
            ReturnBlocks(long.MaxValue, "DONE");
        }
        else if (id != HintCommandIds.Stop && id != CmdIdActive)
        {
            StartPass();
        }
    }

    /// <summary>virtio_balloon_cmd_id_received: re-reads the config field only when a config interrupt marked it.</summary>
    private uint ReadCmdId()
    {
        if (_readCmdIdPending)
        {
            _readCmdIdPending = false;
            CmdIdReceived = _device.Config.FreePageHintCmdId;
        }

        return CmdIdReceived;
    }

    /// <summary>send_cmd_id_start: the id as a 4-byte out buffer, then the hint loop.</summary>
    private void StartPass()
    {
        _passRunning = true;
        CmdIdActive = ReadCmdId();
        if (_kernel.HintDesign == FreePageHintDesign.V28)
        {
            WalkFreeMemBlocks();
        }

        if (_queue.TryAdd(new HintCommandMessage(CmdIdActive)))
        {
            _device.Kick(VirtqueueKind.FreePage);
        }

        SendFreePages();
    }

    /// <summary>
    /// send_free_pages / get_free_page_and_send: until the id changes or an order-10 allocation without reclaim fails,
    /// allocate a block and, while more than one descriptor is free (one is kept for the STOP id), send it as a 4 MiB
    /// in buffer and keep it. With the ring full the driver frees the block and spins until the host consumes entries;
    /// here it waits for the next used buffer. Each block takes the guest <see cref="GuestCosts.HintBlockNs"/> (the
    /// allocation, the descriptor, the kick) and what the allocation's post_alloc_hook does to it — init_on_alloc
    /// zeroes the 4 MiB, page_poison checks it (<see cref="GuestKernel.PostAllocNs"/>) — so hints reach the host at a
    /// finite rate, slower with either. The v28 design sends the blocks its walk found instead, leaving them free.
    /// </summary>
    private void SendFreePages()
    {
        if (_removed)
        {
            _passRunning = false;
            return;
        }

        if (CmdIdActive == ReadCmdId() && _kernel.HintDesign == FreePageHintDesign.V28)
        {
            if (_walk.Count > 0 && _queue.FreeDescriptors > 1)
            {
                (int pfn, int order) = _walk.Dequeue();
                _queue.TryAdd(new HintBlockMessage(pfn, order));
                _device.Kick(VirtqueueKind.FreePage);
                _clock.ScheduleAfter(_kernel.Costs.HintBlockNs, () => _kernel.OnVcpu(SendFreePages));
                return;
            }

            if (_walk.Count > 0)
            {
                _waitingForRoom = true;
                return;
            }
        }
        else if (CmdIdActive == ReadCmdId())
        {
            int pfn = _kernel.Allocate(HintBlockOrder, AllocMode.NoReclaim, "free page hinting", PageState.Hinted);
            if (pfn >= 0 && _queue.FreeDescriptors > 1)
            {
                _queue.TryAdd(new HintBlockMessage(pfn, HintBlockOrder));
                _device.Kick(VirtqueueKind.FreePage);
                _held.Push(pfn);
                _clock.ScheduleAfter(_kernel.Costs.HintBlockNs + _kernel.PostAllocNs(HintBlockOrder), () => _kernel.OnVcpu(SendFreePages));
                return;
            }

            if (pfn >= 0)
            {
                _kernel.Free(pfn, HintBlockOrder, PageState.Hinted);
                _waitingForRoom = true;
                return;
            }
        }

        // send_cmd_id_stop.
        if (_queue.TryAdd(new HintCommandMessage(HintCommandIds.Stop)))
        {
            _device.Kick(VirtqueueKind.FreePage);
        }

        _passRunning = false;
        if (_workQueued)
        {
            _workQueued = false;
            QueueWork();
        }
    }

    /// <summary>
    /// v28's walk_free_mem_block(opaque, 0, callback): every free block, from the largest order down to order 0, each
    /// list from head to tail. The blocks stay free; the pass sends them one by one.
    /// </summary>
    private void WalkFreeMemBlocks()
    {
        _walk.Clear();
        for (int order = KernelConstants.MaxOrder; order >= 0; order--)
        {
            foreach (int pfn in _kernel.Allocator.ListBlocks(order))
            {
                _walk.Enqueue((pfn, order));
            }
        }
    }

    /// <summary>The device used a buffer on free_page_vq: a pass waiting for free descriptors goes on.</summary>
    public void OnRoom()
    {
        if (_waitingForRoom && !_removed)
        {
            _waitingForRoom = false;
            SendFreePages();
        }
    }

    /// <summary>
    /// return_free_pages_to_mm: pops up to <paramref name="blocks"/> held blocks and frees them (free path: poisoned,
    /// may be reported), and says so unless <paramref name="reason"/> is null (the shrinker says so once per reclaim).
    /// </summary>
    private long ReturnBlocks(long blocks, string? reason)
    {
        long returned = 0;
        while (returned < blocks && _held.TryPop(out int pfn))
        {
            _kernel.Free(pfn, HintBlockOrder, PageState.Hinted);
            returned++;
        }

        if (returned > 0 && reason is not null)
        {
            _events.Publish(new HintBlocksReturned(_clock.NowNs, returned, reason));
        }

        return returned;
    }
}
