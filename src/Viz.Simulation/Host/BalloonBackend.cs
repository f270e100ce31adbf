using Viz.Simulation.Core;
using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Host;

/// <summary>
/// The host side of the virtio-balloon device, as QEMU's hw/virtio/virtio-balloon.c handles each queue: inflate
/// discards (virtio_balloon_handle_output, balloon_inflate_page), deflate only advises (balloon_deflate_page:
/// MADV_WILLNEED), statistics are kept and their buffer held until the next poll (virtio_balloon_receive_stats),
/// hints go through the hint state machine (get_free_page_hints), reports are discarded unless ballooning is inhibited
/// or poison_val is not zero (virtio_balloon_handle_report).
/// </summary>
public sealed class BalloonBackend : IBalloonDeviceBackend, IHintStateObserver
{
    private readonly HostMemory _host;
    private readonly EventScheduler _clock;
    private readonly EventBus _events;
    private readonly IFreePageHintSink _hintSink;
    private BalloonDevice? _device;

    /// <summary>
    /// Creates the backend of one guest's balloon device; accepted free page hints go to <paramref name="hintSink"/>
    /// (QEMU's migration), or are discarded (<paramref name="consumer"/> Discard: Firecracker's hint runs).
    /// </summary>
    public BalloonBackend(HostMemory host, HostGuestAccount guest, EventScheduler clock, EventBus events, IFreePageHintSink hintSink, FreePageHintConsumer consumer = FreePageHintConsumer.Migration)
    {
        Consumer = consumer;
        _host = host ?? throw new ArgumentNullException(nameof(host));
        Guest = guest ?? throw new ArgumentNullException(nameof(guest));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _hintSink = hintSink ?? throw new ArgumentNullException(nameof(hintSink));
        Hints = new HintStateMachine(clock, events, this, firecrackerIds: consumer == FreePageHintConsumer.Discard);
    }

    /// <summary>What the host does with accepted hints.</summary>
    public FreePageHintConsumer Consumer { get; }

    /// <summary>
    /// Firecracker's acknowledge_on_stop for the current run: when the guest's STOP ends the run, the device says DONE
    /// at once, so the guest frees its hinted blocks.
    /// </summary>
    public bool AcknowledgeOnStop { get; set; }

    /// <summary>Pages a Discard-mode hint run discarded after the guest had taken them back: their data is lost.</summary>
    public long HintRacePages { get; private set; }

    /// <summary>The guest this device belongs to, as the host accounts it.</summary>
    public HostGuestAccount Guest { get; }

    /// <summary>The free page hint state machine.</summary>
    public HintStateMachine Hints { get; }

    /// <summary>The device instance of the current negotiation, or null after a reset.</summary>
    public BalloonDevice? Device => _device;

    /// <inheritdoc/>
    public uint HintConfigCmdId => Hints.ConfigCmdId;

    /// <summary>The guest's statistics from the last statsq buffer.</summary>
    public IReadOnlyList<BalloonStat> LastStats { get; private set; } = [];

    /// <summary>When the last statistics arrived, or -1.</summary>
    public long LastStatsNs { get; private set; } = -1;

    /// <summary>The statistics buffer the device holds until it wants fresh figures (s->stats_vq_elem).</summary>
    public StatsMessage? HeldStatsBuffer { get; private set; }

    /// <inheritdoc/>
    public void Attach(BalloonDevice device) => _device = device ?? throw new ArgumentNullException(nameof(device));

    /// <inheritdoc/>
    public long Handle(VirtqueueKind queue, VirtqueueMessage message, uint poisonVal)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (queue, message)
        {
            case (VirtqueueKind.Inflate, PfnArrayMessage inflate):
                return Inflate(inflate);
            case (VirtqueueKind.Deflate, PfnArrayMessage):
                return 0;
            case (VirtqueueKind.Stats, StatsMessage stats):
                LastStats = stats.Stats;
                LastStatsNs = _clock.NowNs;
                HeldStatsBuffer = stats;
                return -1;
            case (VirtqueueKind.FreePage, HintCommandMessage command):
                bool running = Hints.Status == HintStatus.Start;
                Hints.OnCommandId(command.CmdId);
                if (running && Hints.Status == HintStatus.Stop && Consumer == FreePageHintConsumer.Discard && AcknowledgeOnStop)
                {
                    Hints.Done();
                }

                return 0;
            case (VirtqueueKind.FreePage, HintBlockMessage block):
                Hints.OnHint(block.Pfn, 1 << block.Order);
                return 0;
            case (VirtqueueKind.Reporting, ReportMessage report):
                return Report(report, poisonVal);
            case (VirtqueueKind.FreePage, ReportMessage report):
                // A driver whose reporting_vq is the device's free_page_vq (queue indices from negotiated vs offered
                // features): get_free_page_hints takes an in buffer's first entry as a hint while a run is started
                // and otherwise gives the buffer back; nothing is discarded either way.
                Hints.OnHint(report.Blocks[0].Pfn, 1 << report.Blocks[0].Order);
                return 0;
            case (VirtqueueKind.Stats, _):
                // virtio_balloon_receive_stats keeps whatever it pops as the stats element and reads no stats from it.
                return -1;
            default:
                throw new InvalidOperationException($"unexpected {message.GetType().Name} on {queue}");
        }
    }

    /// <inheritdoc/>
    public StatsMessage? TakeHeldStatsBuffer()
    {
        StatsMessage? held = HeldStatsBuffer;
        HeldStatsBuffer = null;
        return held;
    }

    /// <summary>
    /// virtio_balloon_device_reset: the device instance is gone, hinting stops, the held statistics buffer is dropped.
    /// </summary>
    public void Reset()
    {
        _device = null;
        Hints.Reset();
        HeldStatsBuffer = null;
    }

    /// <inheritdoc/>
    public void OnHintStatusChanged() => _device?.RefreshHintCmdId();

    /// <inheritdoc/>
    public void OnHintConfigInterrupt() => _device?.HostConfigInterrupt();

    /// <inheritdoc/>
    public void OnHintAccepted(int pfn, int pages)
    {
        if (Consumer == FreePageHintConsumer.Migration)
        {
            _hintSink.OnFreePageHint(pfn, pages);
            return;
        }

        // Firecracker discards the range at once. The guest may have taken pages of it back in the meantime (the
        // shrinker returns hinted blocks to the allocator while the host still has them queued): whatever it wrote
        // there is lost, and the page reads back as zeroes.
        int raced = 0;
        for (int i = 0; i < pages; i++)
        {
            raced += Guest.Kernel.Memory.StateOf(pfn + i) == PageState.Hinted ? 0 : 1;
        }

        if (raced > 0)
        {
            HintRacePages += raced;
            _events.Publish(new HintDiscardRace(_clock.NowNs, pfn, pages, raced));
        }

        _host.Discard(Guest, pfn, pages, "free page hint");
    }

    private long Inflate(PfnArrayMessage message)
    {
        if (Guest.Options.DiscardInhibited)
        {
            _events.Publish(new HostDiscardSkipped(_clock.NowNs, "inflate", message.Pfns.Count, "ballooning inhibited"));
            return 0;
        }

        // Contiguous frames are discarded as one range: the same pages, fewer events.
        long pages = 0;
        int start = 0;
        for (int i = 1; i <= message.Pfns.Count; i++)
        {
            if (i < message.Pfns.Count && message.Pfns[i] == message.Pfns[i - 1] + 1)
            {
                continue;
            }

            _host.Discard(Guest, message.Pfns[start], i - start, "inflate");
            pages += i - start;
            start = i;
        }

        return pages * _host.Options.Costs.DiscardNsPerPage;
    }

    private long Report(ReportMessage message, uint poisonVal)
    {
        int pages = message.Blocks.Sum(block => block.Pages);
        if (Guest.Options.DiscardInhibited)
        {
            _events.Publish(new HostDiscardSkipped(_clock.NowNs, "report", pages, "ballooning inhibited"));
            return 0;
        }

        if (poisonVal != 0 && !Guest.Options.UnsafeDiscard)
        {
            _events.Publish(new HostDiscardSkipped(_clock.NowNs, "report", pages, $"poison_val {poisonVal:x8}: the guest expects its free pages to keep that value"));
            return 0;
        }

        foreach (FreeBlock block in message.Blocks)
        {
            _host.Discard(Guest, block.Pfn, block.Pages, poisonVal != 0 ? "report, UNSAFE: poison_val ignored" : "report");
        }

        return (long)pages * _host.Options.Costs.DiscardNsPerPage;
    }
}
