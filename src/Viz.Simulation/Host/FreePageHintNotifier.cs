using Viz.Simulation.Virtio;

namespace Viz.Simulation.Host;

/// <summary>
/// The balloon device's precopy notifier (QEMU hw/virtio/virtio-balloon.c virtio_balloon_free_page_hint_notify): it
/// drives the host's hint state machine from the migration's bitmap syncs, when the guest negotiated
/// VIRTIO_BALLOON_F_FREE_PAGE_HINT.
/// </summary>
/// <param name="backend">The host side of the guest's balloon device.</param>
public sealed class FreePageHintNotifier(BalloonBackend backend) : IPrecopyListener
{
    /// <inheritdoc/>
    public bool HintsFreePages => backend.Device?.Has(BalloonFeatures.FreePageHint) == true;

    /// <summary>
    /// BEFORE_BITMAP_SYNC stops hinting, so that no hint can clear a write the sync is about to record;
    /// AFTER_BITMAP_SYNC starts a new run while the guest runs, and with the guest stopped (the final sync of
    /// stop-and-copy) falls through to DONE — "Set S_DONE before migrating the vmstate, so the guest will reuse all
    /// hinted pages once running on the destination"; CLEANUP says DONE too (a cancelled or failed migration). The
    /// status travels to the destination in the device's vmstate; in this model the destination's device is the same
    /// object, so it keeps DONE, and the guest acts on it when its vCPUs run there.
    /// </summary>
    public void OnPrecopy(PrecopyEvent precopyEvent, bool vmRunning)
    {
        if (!HintsFreePages)
        {
            return;
        }

        switch (precopyEvent)
        {
            case PrecopyEvent.BeforeBitmapSync:
                backend.Hints.Stop();
                break;
            case PrecopyEvent.AfterBitmapSync when vmRunning:
                backend.Hints.Start();
                break;
            case PrecopyEvent.AfterBitmapSync:
            case PrecopyEvent.Cleanup:
                backend.Hints.Done();
                break;
            default:
                break;
        }
    }
}
