
namespace Viz.Simulation.Memory;

/// <summary>
/// What sees every guest write from outside the guest: the host, which backs a page on its first touch, and KVM,
/// which logs writes while a migration runs. Guest memory reports each write here and the guest pays the faults.
/// </summary>
public interface IGuestWriteTracker
{
    /// <summary>The guest writes pages [pfn, pfn+count); returns the faults the writes took.</summary>
    WriteFaults OnGuestWrite(int pfn, int count);
}
