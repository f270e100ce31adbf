
namespace Viz.Simulation.Guest;

/// <summary>
/// The guest's page cache: single pages holding file data, kept on one LRU list (oldest first) and given back
/// under memory pressure or all at once by drop_caches. Page cache is neither hinted nor reported: it is in use.
/// </summary>
public sealed class PageCache
{
    private readonly GuestKernel _kernel;
    private readonly Queue<int> _lru = new();

    internal PageCache(GuestKernel kernel)
    {
        _kernel = kernel;
    }

    /// <summary>Pages in the cache.</summary>
    public long Pages => _lru.Count;

    /// <summary>
    /// Reads one page of a file into the cache: allocates a page and fills it with the file's data.
    /// Returns false when the guest has no memory for it.
    /// </summary>
    public bool ReadPage(string source)
    {
        int pfn = _kernel.Allocate(0, AllocMode.Normal, source);
        if (pfn < 0)
        {
            return false;
        }

        _kernel.Write(pfn, 1);
        _lru.Enqueue(pfn);
        return true;
    }

    /// <summary>Evicts the oldest pages (clean file pages: no write-back needed).</summary>
    public long Reclaim(long pages)
    {
        long freed = 0;
        while (freed < pages && _lru.TryDequeue(out int pfn))
        {
            _kernel.Free(pfn, 0);
            freed++;
        }

        return freed;
    }

    /// <summary>echo 1 &gt; /proc/sys/vm/drop_caches: frees every cached page.</summary>
    public long DropAll() => Reclaim(_lru.Count);
}
