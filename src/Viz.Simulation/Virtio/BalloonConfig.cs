using Viz.Simulation.Core;

namespace Viz.Simulation.Virtio;

/// <summary>
/// The device's config space (struct virtio_balloon_config, all fields little-endian): num_pages and
/// free_page_hint_cmd_id written by the device, actual and poison_val by the driver. Every change is published.
/// </summary>
public sealed class BalloonConfig
{
    private readonly EventScheduler _clock;
    private readonly EventBus _events;

    /// <summary>Creates a zeroed config space.</summary>
    public BalloonConfig(EventScheduler clock, EventBus events)
    {
        _clock = clock;
        _events = events;
    }

    /// <summary>num_pages: the balloon size the host wants, in 4 KiB pages.</summary>
    public uint NumPages { get; private set; }

    /// <summary>actual: the pages the driver says are in the balloon.</summary>
    public uint Actual { get; private set; }

    /// <summary>free_page_hint_cmd_id as the driver reads it (STOP, DONE, or a run id).</summary>
    public uint FreePageHintCmdId { get; private set; }

    /// <summary>poison_val as the device stored it (0 unless PAGE_POISON was negotiated).</summary>
    public uint PoisonVal { get; private set; }

    /// <summary>The device writes num_pages.</summary>
    public void SetNumPages(uint value) => Write("num_pages", NumPages, value, "device", v => NumPages = v);

    /// <summary>The driver writes actual.</summary>
    public void SetActual(uint value) => Write("actual", Actual, value, "driver", v => Actual = v);

    /// <summary>The device's hint status changed what the driver reads in free_page_hint_cmd_id.</summary>
    public void SetFreePageHintCmdId(uint value) => Write("free_page_hint_cmd_id", FreePageHintCmdId, value, "device", v => FreePageHintCmdId = v);

    /// <summary>poison_val as stored by the device's set_config.</summary>
    public void SetPoisonVal(uint value) => Write("poison_val", PoisonVal, value, "driver", v => PoisonVal = v);

    private void Write(string field, uint old, uint value, string writer, Action<uint> store)
    {
        if (old == value)
        {
            return;
        }

        store(value);
        _events.Publish(new ConfigChanged(_clock.NowNs, field, old, value, writer));
    }
}
