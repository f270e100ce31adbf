
namespace Viz.Simulation.Guest;

/// <summary>
/// A callback on the guest's OOM notifier chain (mm/oom_kill.c register_oom_notifier): out_of_memory() calls every
/// notifier before choosing a victim, and if any of them freed memory the allocation is retried instead of killing.
/// </summary>
public interface IOomNotifier
{
    /// <summary>Called when an allocation would fail; returns the pages it freed (0 when it has nothing to give).</summary>
    long OnOutOfMemory();
}
