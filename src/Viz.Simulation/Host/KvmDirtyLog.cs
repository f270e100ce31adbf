using Viz.Simulation.Memory;

namespace Viz.Simulation.Host;

/// <summary>
/// KVM's dirty log of the guest's memory slot, in either of the two ways QEMU drives it.
/// <para>
/// Eager (KVM before KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2, and the seed's 2018 hosts): turning logging on write-protects
/// the memory, and each KVM_GET_DIRTY_LOG returns the log, clears it and write-protects the pages it reported again.
/// </para>
/// <para>
/// Lazy (QEMU ≥ 4.0 on Linux ≥ 5.3, with KVM_DIRTY_LOG_INITIALLY_SET): the log starts all set and nothing is
/// write-protected; KVM_GET_DIRTY_LOG only copies the log (kvm_get_dirty_log_protect with manual_dirty_log_protect);
/// QEMU clears it chunk by chunk (clear_bmap, 2^clear-bitmap-shift pages a chunk) just before it sends the first page of
/// a chunk after a sync (migration_clear_memory_region_dirty_bitmap) and when a free page hint covers the chunk
/// (qemu_guest_free_page_hint). A clear (KVM_CLEAR_DIRTY_LOG, kvm_log_clear_one_slot) clears and write-protects only the
/// pages the last GET reported; a write between that GET and the clear leaves no trace, which is safe because those
/// pages are dirty in the migration bitmap and go out after the clear, with what the guest wrote.
/// </para>
/// A set bit is also a page KVM lets the guest write without an exit: a write to a page whose bit is clear is the one
/// that gets logged.
/// </summary>
public sealed class KvmDirtyLog
{
    private readonly PageBitmap _log;
    private readonly PageBitmap _reported;
    private readonly PageBitmap _mapped;
    private PageBitmap? _chunksToClear;

    /// <summary>Creates the log of a slot whose pages the host backs where <paramref name="mapped"/> is set; logging off.</summary>
    public KvmDirtyLog(PageBitmap mapped)
    {
        _mapped = mapped ?? throw new ArgumentNullException(nameof(mapped));
        _log = new PageBitmap(mapped.Length);
        _reported = new PageBitmap(mapped.Length);
    }

    /// <summary>Whether writes are logged (KVM_MEM_LOG_DIRTY_PAGES is set on the slot).</summary>
    public bool Enabled { get; private set; }

    /// <summary>log2 of the pages QEMU clears at once (clear-bitmap-shift), or null when the log is cleared eagerly.</summary>
    public int? ClearChunkShift { get; private set; }

    /// <summary>Pages whose bit is set in KVM's log.</summary>
    public long SetCount => _log.SetCount;

    /// <summary>
    /// Turns logging on: eagerly (<paramref name="clearChunkShift"/> null) with an empty log, or lazily with every bit
    /// set (KVM_DIRTY_LOG_INITIALLY_SET) and <c>2^clearChunkShift</c> pages a clear.
    /// </summary>
    public void Start(int? clearChunkShift)
    {
        ClearChunkShift = clearChunkShift;
        _reported.ClearAll();
        if (clearChunkShift is int shift)
        {
            _log.SetAll();
            _chunksToClear = new PageBitmap((int)(((long)_log.Length + (1L << shift) - 1) >> shift));
        }
        else
        {
            _log.ClearAll();
            _chunksToClear = null;
        }

        Enabled = true;
    }

    /// <summary>Turns logging off and forgets the log.</summary>
    public void Stop()
    {
        Enabled = false;
        _log.ClearAll();
        _reported.ClearAll();
        _chunksToClear = null;
    }

    /// <summary>A guest write to [pfn, pfn+count): returns how many pages it logged (each a PML entry or a fault).</summary>
    public int OnWrite(int pfn, int count) => Enabled ? _log.SetRange(pfn, count) : 0;

    /// <summary>
    /// KVM_GET_DIRTY_LOG into the migration bitmap <paramref name="into"/>; returns how many of the pages it reported
    /// the host backs (the ones with mappings to write-protect again; the first lazy GET reports every page). Eager: the
    /// log is cleared and those pages are write-protected again. Lazy: the log stays, and every chunk is marked to be
    /// cleared before its next send (cpu_physical_memory_sync_dirty_bitmap: clear_bmap_set over the whole block).
    /// </summary>
    public long Collect(PageBitmap into)
    {
        ArgumentNullException.ThrowIfNull(into);
        long found = _log.CountBoth(_mapped);
        into.Or(_log);
        if (_chunksToClear is null)
        {
            _log.ClearAll();
        }
        else
        {
            _reported.CopyFrom(_log);
            _chunksToClear.SetAll();
        }

        return found;
    }

    /// <summary>
    /// Lazy mode: clears the chunk holding <paramref name="pfn"/> if it still needs it (clear_bmap_test_and_clear, then
    /// KVM_CLEAR_DIRTY_LOG for the pages the last GET reported in it). Returns whether it issued a clear (not in eager
    /// mode, nor for a chunk cleared already since the sync).
    /// </summary>
    public bool ClearChunkOf(int pfn)
    {
        if (_chunksToClear is null || ClearChunkShift is not int shift)
        {
            return false;
        }

        int chunk = pfn >> shift;
        if (!_chunksToClear.Get(chunk))
        {
            return false;
        }

        _chunksToClear.Set(chunk, false);
        int start = chunk << shift;
        int count = Math.Min(1 << shift, _log.Length - start);
        _log.ClearRangeWhere(_reported, start, count);
        _reported.ClearRange(start, count);
        return true;
    }

    /// <summary>
    /// Lazy mode: clears every chunk [pfn, pfn+pages) touches (migration_clear_memory_region_dirty_bitmap_range);
    /// returns the clears issued.
    /// </summary>
    public int ClearChunksOf(int pfn, int pages)
    {
        if (ClearChunkShift is not int shift || pages <= 0)
        {
            return 0;
        }

        int clears = 0;
        for (int chunk = pfn >> shift; chunk <= (pfn + pages - 1) >> shift; chunk++)
        {
            clears += ClearChunkOf(chunk << shift) ? 1 : 0;
        }

        return clears;
    }
}
