using Viz.Simulation.Core;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Host;

/// <summary>
/// QEMU's free page hint state machine (hw/virtio/virtio-balloon.c, QEMU ≥ 4.0): the status and command id the
/// migration code drives through <see cref="Start"/>, <see cref="Stop"/> and <see cref="Done"/>, the transitions the
/// guest's command id buffers cause (get_free_page_hints), and the observer through which hinted pages reach the
/// device's owner — only while the status is START for the current id.
/// </summary>
/// <remarks>
/// Checked against QEMU's get_free_page_hints (REQUESTED with the current id → START; any id while START → STOP;
/// in buffers used only while START) and virtio_balloon_get_config (the id only while REQUESTED).
/// </remarks>
public sealed class HintStateMachine
{
    /// <summary>VIRTIO_BALLOON_FREE_PAGE_HINT_CMD_ID_MIN: the initial id; the first run uses the next one.</summary>
    public const uint CmdIdMin = 0x80000000;

    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private readonly IHintStateObserver _observer;

    /// <summary>Firecracker's first run id: 0 (STOP) and 1 (DONE) are reserved (device.rs start_hinting).</summary>
    public const uint FirecrackerFirstRunId = 2;

    private readonly bool _firecrackerIds;

    /// <summary>
    /// Creates the machine in STOP with id CMD_ID_MIN (virtio_balloon_device_realize), or with Firecracker's ids
    /// (<paramref name="firecrackerIds"/>: runs 2, 3, …).
    /// </summary>
    public HintStateMachine(EventScheduler clock, EventBus events, IHintStateObserver observer, bool firecrackerIds = false)
    {
        _firecrackerIds = firecrackerIds;
        CmdId = firecrackerIds ? FirecrackerFirstRunId - 1 : CmdIdMin;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _observer = observer ?? throw new ArgumentNullException(nameof(observer));
    }

    /// <summary>free_page_hint_status.</summary>
    public HintStatus Status { get; private set; } = HintStatus.Stop;

    /// <summary>free_page_hint_cmd_id: the current run id.</summary>
    public uint CmdId { get; private set; }

    /// <summary>Hints used (received while START).</summary>
    public long AcceptedHints { get; private set; }

    /// <summary>Hints popped and ignored (received in any other status).</summary>
    public long IgnoredHints { get; private set; }

    /// <summary>
    /// What the driver reads in free_page_hint_cmd_id (virtio_balloon_get_config): the id while REQUESTED, STOP while
    /// STOP, DONE while DONE, and 0 (= STOP) while START, which get_config does not map.
    /// </summary>
    public uint ConfigCmdId => Status switch
    {
        HintStatus.Requested => CmdId,
        HintStatus.Done => HintCommandIds.Done,
        _ => HintCommandIds.Stop,
    };

    /// <summary>virtio_balloon_free_page_start: next id (wrapping to CMD_ID_MIN after 0xffffffff), REQUESTED, config interrupt.</summary>
    public void Start()
    {
        CmdId = _firecrackerIds ? Math.Max(FirecrackerFirstRunId, unchecked(CmdId + 1)) : CmdId == uint.MaxValue ? CmdIdMin : CmdId + 1;
        SetStatus(HintStatus.Requested);
        _observer.OnHintConfigInterrupt();
    }

    /// <summary>virtio_balloon_free_page_stop: STOP and a config interrupt, unless already STOP.</summary>
    public void Stop()
    {
        if (Status == HintStatus.Stop)
        {
            return;
        }

        SetStatus(HintStatus.Stop);
        _observer.OnHintConfigInterrupt();
    }

    /// <summary>virtio_balloon_free_page_done: DONE and a config interrupt, unless already DONE.</summary>
    public void Done()
    {
        if (Status == HintStatus.Done)
        {
            return;
        }

        SetStatus(HintStatus.Done);
        _observer.OnHintConfigInterrupt();
    }

    /// <summary>
    /// A command id buffer from the guest (get_free_page_hints): the current id while REQUESTED starts the run; any id
    /// while START (the guest's trailing STOP, or a stale id) ends it; anything else changes nothing.
    /// </summary>
    public void OnCommandId(uint id)
    {
        if (Status == HintStatus.Requested && id == CmdId)
        {
            SetStatus(HintStatus.Start);
        }
        else if (Status == HintStatus.Start)
        {
            SetStatus(HintStatus.Stop);
        }
    }

    /// <summary>A hinted block popped from free_page_vq: passed on only while START. Returns whether it was used.</summary>
    public bool OnHint(int pfn, int pages)
    {
        bool accepted = Status == HintStatus.Start;
        if (accepted)
        {
            AcceptedHints++;
            _observer.OnHintAccepted(pfn, pages);
        }
        else
        {
            IgnoredHints++;
        }

        _events.Publish(new HintReceived(_clock.NowNs, pfn, pages, accepted));
        return accepted;
    }

    /// <summary>
    /// Loads the status and id from migrated device state (vmstate subsection virtio-balloon-device/free-page-report,
    /// sent when FREE_PAGE_HINT was negotiated), as the destination does.
    /// </summary>
    public void Restore(uint cmdId, HintStatus status)
    {
        CmdId = cmdId;
        SetStatus(status);
        _observer.OnHintStatusChanged();
    }

    /// <summary>virtio_balloon_device_reset: free_page_stop (status STOP); the id is kept.</summary>
    public void Reset() => Stop();

    private void SetStatus(HintStatus status)
    {
        HintStatus old = Status;
        Status = status;
        if (old != status)
        {
            _events.Publish(new HintStatusChanged(_clock.NowNs, old, status, CmdId));
            _observer.OnHintStatusChanged();
        }
    }
}
