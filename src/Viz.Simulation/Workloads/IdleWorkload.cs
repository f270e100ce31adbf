using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// An idle guest after boot: daemons wake up now and then, touch a few pages for a moment and free them again.
/// RATE is how much they touch per second (default 1 MiB/s); SIZE is not used.
/// </summary>
public sealed class IdleWorkload : Workload
{
    private readonly PriorityQueue<int, long> _live = new();
    private readonly PageRate _rate;

    /// <summary>Creates the idle workload.</summary>
    public IdleWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _rate = new PageRate(PagesOf(spec.RateBytesPerSecond ?? (1L << 20)));
        EnterPhase("idle");
    }

    /// <inheritdoc/>
    public override string Unit => "MiB touched";

    /// <inheritdoc/>
    public override void Terminate() => ReportFreed(FreeUntil(long.MaxValue));

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        long now = Context.Clock.NowNs;
        ReportFreed(FreeUntil(now));
        long pages = _rate.Take(tickNs, usefulFraction);
        long done = 0;
        for (; done < pages; done++)
        {
            int pfn = AllocateAndWrite(0);
            if (pfn < 0)
            {
                break;
            }

            long lifetime = (long)(Context.Rng.NextDouble(0.05, 2.0) * SimDuration.NsPerSecond);
            _live.Enqueue(pfn, now + lifetime);
        }

        ReportAllocated(done);
        return MiB(done);
    }

    private long FreeUntil(long timeNs)
    {
        long freed = 0;
        while (_live.TryPeek(out int pfn, out long freeAtNs) && freeAtNs <= timeNs)
        {
            _live.Dequeue();
            Kernel.Free(pfn, 0);
            freed++;
        }

        return freed;
    }
}
