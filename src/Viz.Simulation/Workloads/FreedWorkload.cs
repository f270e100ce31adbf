using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// An idle guest in which a program wrote a share of the memory and then exited: SIZE (a share such as 80%, or bytes;
/// default 50%) is written at RATE (default 1 GiB/s), freed at once when the writer is done, and the guest is idle
/// from then on. The freed memory is free in the guest but not zero: a legacy migration has to send it in full, while
/// free page hinting can skip it. The writer takes anonymous memory the way a THP=always kernel gives it
/// (do_huge_pmd_anonymous_page): a 2 MiB huge page where the allocator has one without reclaim, otherwise 4 KiB
/// pages; and it stops at the high watermark rather than push the guest into reclaim, so that "80% freed" never
/// means "the page cache was dropped". The idle daemons run all along.
/// </summary>
public sealed class FreedWorkload : Workload
{
    /// <summary>The share of the guest's memory written and freed when SIZE is not given.</summary>
    public const double DefaultShare = 0.5;

    /// <summary>The writer's speed when RATE is not given (the same as the hog's).</summary>
    public const long DefaultWriteBytesPerSecond = 1L << 30;

    private readonly List<(int Pfn, int Order)> _blocks = [];
    private readonly IdleDaemons _daemons;
    private long _targetPages;
    private readonly PageRate _rate;
    private long _writtenPages;
    private FreedPhase _phase = FreedPhase.Writing;

    /// <summary>Creates the workload.</summary>
    public FreedWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long memory = Kernel.Memory.Bytes;
        _targetPages = PagesOf(spec.SizeFor(memory) ?? (long)(memory * DefaultShare));
        _rate = new PageRate(PagesOf(spec.RateBytesPerSecond ?? DefaultWriteBytesPerSecond));
        _daemons = new IdleDaemons(context, PagesOf(IdleWorkload.DefaultTouchBytesPerSecond));
        EnterPhase("writing");
    }

    private enum FreedPhase
    {
        Writing,
        Freeing,
        Idle,
    }

    /// <inheritdoc/>
    public override string Unit => "MiB written";

    /// <summary>Writing, freeing, and a second to spare.</summary>
    public override long SettleNs =>
        (long)(_targetPages * (1.0 + (1.0 / HogWorkload.FreeSpeedup)) / _rate.PagesPerSecond * SimDuration.NsPerSecond) + SimDuration.NsPerSecond;

    /// <summary>Settled once all it wrote is free again: first-touch faults slow the writer beyond <see cref="SettleNs"/>.</summary>
    public override bool Settled => _phase == FreedPhase.Idle;

    /// <summary>Pages the writer wrote (and, once it is done, freed).</summary>
    public long WrittenPages => _writtenPages;

    /// <inheritdoc/>
    public override void Terminate()
    {
        ReportFreed(FreeBlocks(long.MaxValue));
        ReportFreed(_daemons.FreeAll());
    }

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        ReportFreed(_daemons.FreeDue());
        ReportAllocated(_daemons.Touch(tickNs, usefulFraction, () => AllocateAndWrite(0)));
        switch (_phase)
        {
            case FreedPhase.Writing:
                return Write(_rate.Take(tickNs, usefulFraction));
            case FreedPhase.Freeing:
                ReportFreed(FreeBlocks(_rate.Take(tickNs, usefulFraction) * HogWorkload.FreeSpeedup));
                if (_blocks.Count == 0)
                {
                    _phase = FreedPhase.Idle;
                    EnterPhase("idle");
                }

                break;
            default:
                break;
        }

        return 0;
    }

    private double Write(long pages)
    {
        long done = 0;
        while (done < pages && _writtenPages < _targetPages)
        {
            int order = _targetPages - _writtenPages >= 1 << KernelConstants.PageblockOrder ? KernelConstants.PageblockOrder : 0;
            int pfn = Kernel.Allocator.FreePages - (1L << order) >= Kernel.Watermarks.High ? TakeBlock(order) : -1;
            if (pfn < 0 && order > 0 && Kernel.Allocator.FreePages - 1 >= Kernel.Watermarks.High)
            {
                order = 0;
                pfn = TakeBlock(0);
            }

            if (pfn < 0)
            {
                EnterPhase("freeing: the guest had no more free memory above its high watermark");
                _targetPages = _writtenPages;
                break;
            }

            _blocks.Add((pfn, order));
            _writtenPages += 1L << order;
            done += 1L << order;
        }

        ReportAllocated(done);
        if (_writtenPages >= _targetPages)
        {
            _phase = FreedPhase.Freeing;
            if (Phase == "writing")
            {
                EnterPhase("freeing");
            }
        }

        return MiB(done);
    }

    /// <summary>One anonymous block, written; without reclaim (a THP fault falls back rather than reclaim).</summary>
    private int TakeBlock(int order)
    {
        int pfn = Kernel.Allocate(order, AllocMode.NoReclaim, Spec.Name);
        if (pfn >= 0)
        {
            Kernel.Write(pfn, 1 << order);
        }

        return pfn;
    }

    /// <summary>Frees up to <paramref name="pages"/> pages of what the writer holds, last written first; returns the pages freed.</summary>
    private long FreeBlocks(long pages)
    {
        long freed = 0;
        while (_blocks.Count > 0 && freed < pages)
        {
            (int pfn, int order) = _blocks[^1];
            _blocks.RemoveAt(_blocks.Count - 1);
            Kernel.Free(pfn, order);
            freed += 1L << order;
        }

        return freed;
    }
}
