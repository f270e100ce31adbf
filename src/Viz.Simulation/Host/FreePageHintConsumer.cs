
namespace Viz.Simulation.Host;

/// <summary>What the host does with the free page hints its device accepts.</summary>
public enum FreePageHintConsumer
{
    /// <summary>
    /// QEMU: hints only during a migration, from its precopy notifier; an accepted hint clears the range from the
    /// migration bitmap (qemu_guest_free_page_hint), nothing is discarded.
    /// </summary>
    Migration,

    /// <summary>
    /// Firecracker (v1.14, developer preview): host-driven hint runs outside migration (PATCH /balloon/hinting/start with
    /// acknowledge_on_stop, GET …/status, PATCH …/stop); run ids count from 2; each accepted range is discarded at once
    /// (MADV_DONTNEED) to cut the host's RSS. Its docs warn of the race this can lose data in: the guest may take a hinted
    /// page back (the balloon shrinker) before the device discards it.
    /// </summary>
    Discard,
}
