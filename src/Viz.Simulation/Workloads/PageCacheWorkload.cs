using Viz.Simulation.Guest;
using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// Streams files into the page cache (SIZE in all, read at RATE), keeps them cached a few seconds, then drops the
/// cache (echo 1 &gt; /proc/sys/vm/drop_caches) and stays idle. Under memory pressure the kernel evicts cached pages
/// on its own.
/// </summary>
public sealed class PageCacheWorkload : Workload
{
    /// <summary>How long the cache stays full before it is dropped.</summary>
    public const long HoldNs = 5 * SimDuration.NsPerSecond;

    private readonly long _targetPages;
    private readonly PageRate _rate;
    private long _read;
    private long _holdUntilNs;
    private CachePhase _phase = CachePhase.Reading;

    /// <summary>Creates the workload; defaults: half the guest, read at 256 MiB/s.</summary>
    public PageCacheWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _targetPages = PagesOf(spec.SizeFor(Kernel.Memory.Bytes) ?? (Kernel.Memory.Bytes / 2));
        _rate = new PageRate(PagesOf(spec.RateBytesPerSecond ?? (256L << 20)));
        EnterPhase("reading files");
    }

    private enum CachePhase
    {
        Reading,
        Holding,
        Done,
    }

    /// <inheritdoc/>
    public override string Unit => "MiB read";

    /// <summary>Reading, holding, dropping, and a second to spare.</summary>
    public override long SettleNs =>
        (long)(_targetPages / _rate.PagesPerSecond * SimDuration.NsPerSecond) + HoldNs + SimDuration.NsPerSecond;

    /// <summary>The reader exits; what it read stays cached, because the page cache belongs to the kernel.</summary>
    public override void Terminate() => ReportFreed(0);

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        if (_phase == CachePhase.Reading)
        {
            long want = Math.Min(_rate.Take(tickNs, usefulFraction), _targetPages - _read);
            long done = 0;
            while (done < want && Kernel.PageCache.ReadPage(Spec.Name))
            {
                done++;
            }

            _read += done;
            ReportAllocated(done);
            if (_read >= _targetPages || done < want)
            {
                _phase = CachePhase.Holding;
                _holdUntilNs = Context.Clock.NowNs + HoldNs;
                EnterPhase("cached");
            }

            return MiB(done);
        }

        if (_phase == CachePhase.Holding && Context.Clock.NowNs >= _holdUntilNs)
        {
            long dropped = Kernel.PageCache.DropAll();
            ReportFreed(dropped);
            _phase = CachePhase.Done;
            EnterPhase("dropped caches");
        }

        return 0;
    }
}
