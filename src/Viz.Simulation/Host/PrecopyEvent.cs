
namespace Viz.Simulation.Host;

/// <summary>
/// The precopy notifier events QEMU raises during a RAM migration (migration/ram.c, PRECOPY_NOTIFY_*), which the
/// virtio-balloon device uses to drive free page hinting (hw/virtio/virtio-balloon.c
/// virtio_balloon_free_page_hint_notify).
/// </summary>
public enum PrecopyEvent
{
    /// <summary>Migration setup.</summary>
    Setup,

    /// <summary>Just before the dirty bitmap is synced from KVM's log.</summary>
    BeforeBitmapSync,

    /// <summary>Just after the dirty bitmap was synced.</summary>
    AfterBitmapSync,

    /// <summary>The stop-and-copy phase begins.</summary>
    Complete,

    /// <summary>The migration ended: completed, cancelled or failed.</summary>
    Cleanup,
}

/// <summary>Whoever wants to hear the precopy notifier (the balloon device).</summary>
public interface IPrecopyListener
{
    /// <summary>Whether this listener sends free page hints (the guest negotiated VIRTIO_BALLOON_F_FREE_PAGE_HINT).</summary>
    bool HintsFreePages { get; }

    /// <summary>Called for every notifier event; <paramref name="vmRunning"/> is false during stop-and-copy.</summary>
    void OnPrecopy(PrecopyEvent precopyEvent, bool vmRunning);
}
