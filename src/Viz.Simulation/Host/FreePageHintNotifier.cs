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
    /// AFTER_BITMAP_SYNC starts a new run while the guest runs; CLEANUP says DONE. At the final sync QEMU sets DONE
    /// with the guest stopped; the guest only sees it once it runs again on the destination, which in this model is the
    /// switchover's CLEANUP, so the final sync changes nothing here.
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
            case PrecopyEvent.Cleanup:
                backend.Hints.Done();
                break;
            default:
                break;
        }
    }
}
