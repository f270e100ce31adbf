using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// What runs on an idle guest: daemons wake up now and then, touch a few pages for a moment (0.05 to 2 s) and free
/// them again, at a rate of pages per second.
/// </summary>
internal sealed class IdleDaemons
{
    private readonly PriorityQueue<int, long> _live = new();
    private readonly PageRate _rate;
    private readonly WorkloadContext _context;

    /// <summary>Daemons touching <paramref name="pagesPerSecond"/> in <paramref name="context"/>'s guest.</summary>
    public IdleDaemons(WorkloadContext context, long pagesPerSecond)
    {
        _context = context;
        _rate = new PageRate(pagesPerSecond);
    }

    /// <summary>Frees the pages that have lived their time; returns how many.</summary>
    public long FreeDue() => FreeUntil(_context.Clock.NowNs);

    /// <summary>Frees every page still in use (the guest shuts its daemons down); returns how many.</summary>
    public long FreeAll() => FreeUntil(long.MaxValue);

    /// <summary>Touches this tick's pages, each allocated and written by <paramref name="allocateAndWrite"/>; returns how many.</summary>
    public long Touch(long tickNs, double usefulFraction, Func<int> allocateAndWrite)
    {
        long now = _context.Clock.NowNs;
        long pages = _rate.Take(tickNs, usefulFraction);
        long done = 0;
        for (; done < pages; done++)
        {
            int pfn = allocateAndWrite();
            if (pfn < 0)
            {
                break;
            }

            long lifetime = (long)(_context.Rng.NextDouble(0.05, 2.0) * SimDuration.NsPerSecond);
            _live.Enqueue(pfn, now + lifetime);
        }

        return done;
    }

    private long FreeUntil(long timeNs)
    {
        long freed = 0;
        while (_live.TryPeek(out int pfn, out long freeAtNs) && freeAtNs <= timeNs)
        {
            _live.Dequeue();
            _context.Kernel.Free(pfn, 0);
            freed++;
        }

        return freed;
    }
}
