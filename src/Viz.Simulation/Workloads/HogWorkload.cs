using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// The classic memhog test: allocate SIZE of anonymous memory page by page and write it (RATE is the write speed),
/// hold it for a few seconds, free it all, then stay idle. If the guest runs out of memory the OOM killer ends it
/// and its memory is freed.
/// </summary>
public sealed class HogWorkload : Workload
{
    /// <summary>How long the hog holds its memory before freeing it.</summary>
    public const long HoldNs = 5 * SimDuration.NsPerSecond;

    /// <summary>munmap of anonymous memory is several times faster than touching it.</summary>
    internal const int FreeSpeedup = 4;

    private readonly List<int> _pages = [];
    private readonly long _targetPages;
    private readonly PageRate _rate;
    private long _holdUntilNs;
    private HogPhase _phase = HogPhase.Allocating;

    /// <summary>Creates the hog; defaults: half the guest, written at 1 GiB/s.</summary>
    public HogWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long memory = Kernel.Memory.Bytes;
        _targetPages = PagesOf(spec.SizeFor(Kernel.Memory.Bytes) ?? Math.Min(memory / 2, 3L << 30));
        _rate = new PageRate(PagesOf(spec.RateBytesPerSecond ?? (1L << 30)));
        EnterPhase("allocating");
    }

    private enum HogPhase
    {
        Allocating,
        Holding,
        Freeing,
        Done,
    }

    /// <inheritdoc/>
    public override string Unit => "MiB written";

    /// <summary>Allocating, holding, freeing, and a second to spare.</summary>
    public override long SettleNs =>
        (long)(_targetPages * (1.0 + (1.0 / FreeSpeedup)) / _rate.PagesPerSecond * SimDuration.NsPerSecond) + HoldNs + SimDuration.NsPerSecond;

    /// <inheritdoc/>
    public override void Terminate() => FreePages(_pages.Count);

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        switch (_phase)
        {
            case HogPhase.Allocating:
                return Allocate(_rate.Take(tickNs, usefulFraction));
            case HogPhase.Holding when Context.Clock.NowNs >= _holdUntilNs:
                _phase = HogPhase.Freeing;
                EnterPhase("freeing");
                break;
            case HogPhase.Freeing:
                FreePages((int)Math.Min(_pages.Count, _rate.Take(tickNs, usefulFraction) * FreeSpeedup));
                if (_pages.Count == 0)
                {
                    _phase = HogPhase.Done;
                    EnterPhase("done");
                }

                break;
            default:
                break;
        }

        return 0;
    }

    private double Allocate(long pages)
    {
        long want = Math.Min(pages, _targetPages - _pages.Count);
        long done = 0;
        for (; done < want; done++)
        {
            int pfn = AllocateAndWrite(0);
            if (pfn < 0)
            {
                ReportAllocated(done);
                EnterPhase("killed by the OOM killer");
                FreePages(_pages.Count);
                _phase = HogPhase.Done;
                return MiB(done);
            }

            _pages.Add(pfn);
        }

        ReportAllocated(done);
        if (_pages.Count >= _targetPages)
        {
            _phase = HogPhase.Holding;
            _holdUntilNs = Context.Clock.NowNs + HoldNs;
            EnterPhase("holding");
        }

        return MiB(done);
    }

    private void FreePages(int count)
    {
        for (int i = _pages.Count - count; i < _pages.Count; i++)
        {
            Kernel.Free(_pages[i], 0);
        }

        _pages.RemoveRange(_pages.Count - count, count);
        ReportFreed(count);
    }
}
