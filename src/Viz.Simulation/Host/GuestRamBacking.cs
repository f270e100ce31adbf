using System.IO.Hashing;
using System.Runtime.InteropServices;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Host;

/// <summary>
/// The host's side of one guest's RAM, page by page: which pages the host backs (its RSS), which it discarded and which
/// it swapped out, the faults the guest's writes took, and KVM's dirty log of the memory slot. Sees every guest write.
/// </summary>
public sealed class GuestRamBacking : IGuestWriteTracker
{
    /// <summary>Creates the backing of a guest of <paramref name="bytes"/>: nothing backed yet, no log.</summary>
    public GuestRamBacking(long bytes)
    {
        PageCount = GuestMemory.PagesFor(bytes);
        Backed = new PageBitmap(PageCount);
        Discarded = new PageBitmap(PageCount);
        DirtyLog = new KvmDirtyLog(Backed);
        Swapped = new PageBitmap(PageCount);
        Referenced = new PageBitmap(PageCount);
    }

    /// <summary>Pages of the guest.</summary>
    public int PageCount { get; }

    /// <summary>Pages the host currently backs with its own memory (they count in host RSS).</summary>
    public PageBitmap Backed { get; }

    /// <summary>Pages whose backing the host discarded; the next guest access refaults them as zero pages.</summary>
    public PageBitmap Discarded { get; }

    /// <summary>Pages the host swapped out: not in host RSS, content kept in the host's swap.</summary>
    public PageBitmap Swapped { get; }

    /// <summary>
    /// The host's referenced bits of the guest's pages (the accessed bits of QEMU's mappings that reclaim tests and
    /// clears, folio_referenced): set by every guest write; the model keeps no reads, so a page only read counts as idle.
    /// </summary>
    public PageBitmap Referenced { get; }

    /// <summary>KVM's dirty log of the guest's memory slot: on while a migration runs.</summary>
    public KvmDirtyLog DirtyLog { get; }

    /// <summary>Whether KVM logs the guest's writes (KVM_MEM_LOG_DIRTY_PAGES).</summary>
    public bool DirtyLogging => DirtyLog.Enabled;

    /// <summary>Host page faults on first touch of a never-backed page.</summary>
    public long FirstTouchFaults { get; private set; }

    /// <summary>Host page faults on a page whose backing had been discarded.</summary>
    public long Refaults { get; private set; }

    /// <summary>Host page faults on a page the host had swapped out (major faults: read back from swap).</summary>
    public long SwapIns { get; private set; }

    /// <summary>
    /// Makes unbacked pages in the range backed, counting first-touch faults, refaults and swap-ins, and logs the write
    /// when dirty logging is on.
    /// </summary>
    public WriteFaults OnGuestWrite(int pfn, int count)
    {
        int logged = DirtyLog.OnWrite(pfn, count);
        Referenced.SetRange(pfn, count);
        int faults = Backed.SetRange(pfn, count);
        if (faults > 0)
        {
            int refaults = Discarded.ClearRange(pfn, count);
            int swapIns = Swapped.ClearRange(pfn, count);
            Refaults += refaults;
            SwapIns += swapIns;
            FirstTouchFaults += faults - refaults - swapIns;
        }

        return new WriteFaults(faults, logged);
    }

    /// <summary>
    /// The host discards pages [pfn, pfn+count) (QEMU ram_block_discard_range: MADV_DONTNEED or a punched hole): their
    /// backing and any swap copy are dropped. Returns how many of the pages were resident (host RSS freed).
    /// </summary>
    public int Discard(int pfn, int count)
    {
        int resident = Backed.ClearRange(pfn, count);
        Swapped.ClearRange(pfn, count);
        Discarded.SetRange(pfn, count);
        return resident;
    }

    /// <summary>
    /// The host swaps out page <paramref name="pfn"/> if it is resident: it leaves host RSS and its content goes to
    /// the host's swap. Returns whether it was swapped out.
    /// </summary>
    public bool SwapOut(int pfn)
    {
        if (Backed.ClearRange(pfn, 1) == 0)
        {
            return false;
        }

        Swapped.SetRange(pfn, 1);
        return true;
    }

    /// <summary>
    /// The guest now runs on a migration destination: the destination host backs what it populated (all of it just
    /// written, so referenced), and nothing is discarded or swapped there.
    /// </summary>
    public void AdoptDestination(PageBitmap destinationBacked)
    {
        Backed.CopyFrom(destinationBacked);
        Discarded.ClearAll();
        Swapped.ClearAll();
        Referenced.CopyFrom(destinationBacked);
    }

    /// <summary>Adds the backing's state to a running hash (for determinism checks).</summary>
    public void AppendTo(XxHash64 hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        hash.Append(MemoryMarshal.AsBytes(Backed.Words));
        hash.Append(MemoryMarshal.AsBytes(Discarded.Words));
        hash.Append(MemoryMarshal.AsBytes(Swapped.Words));
    }
}
