using Viz.Simulation.Guest;
using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// A parallel kernel build, like <c>make -j4</c>: four compiler jobs at a time, each a short-lived process that
/// allocates blocks of mixed orders (anonymous pages and slab), writes them and keeps rewriting part of its heap,
/// then exits and frees everything. Sources and objects go through the page cache: each job reads files the build has
/// not read yet until the tree's SIZE is cached (default 1 GiB, at most an eighth of the guest); after that its reads
/// hit the cache. The workload never evicts its own cache: as in Linux, file pages go only when reclaim takes them
/// below the watermarks. RATE is the jobs' allocation rate in all (default 256 MiB/s). Progress is compile CPU time.
/// </summary>
public sealed class BuildWorkload : Workload
{
    private const int Jobs = 4;
    private const double HeapRewritePerSecond = 0.5;
    private const long FilePagesPerJob = 4096;

    /// <summary>Orders of the jobs' allocations and their weights: mostly single pages, some slab-sized blocks.</summary>
    private static readonly (int Order, int Weight)[] OrderMix = [(0, 70), (1, 12), (2, 10), (3, 8)];

    private readonly List<Job> _jobs = [];
    private readonly long _cacheTargetPages;
    private readonly double _allocPagesPerCpuSecond;
    private long _cachePages;

    /// <summary>Creates the build.</summary>
    public BuildWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _cacheTargetPages = PagesOf(spec.SizeFor(Kernel.Memory.Bytes) ?? Math.Min(1L << 30, Kernel.Memory.Bytes / 8));
        _allocPagesPerCpuSecond = PagesOf(spec.RateBytesPerSecond ?? (256L << 20)) / (double)Jobs;
        EnterPhase("compiling");
    }

    /// <inheritdoc/>
    public override string Unit => "compile CPU-s";

    /// <inheritdoc/>
    public override int Parallelism => Jobs;

    /// <summary>The page cache reaches its working set after about half a minute.</summary>
    public override long SettleNs => 30 * SimDuration.NsPerSecond;

    /// <inheritdoc/>
    public override void Terminate()
    {
        long freed = 0;
        foreach (Job job in _jobs)
        {
            freed += job.Exit(Kernel);
        }

        _jobs.Clear();
        ReportFreed(freed);
    }

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        while (_jobs.Count < Jobs)
        {
            _jobs.Add(StartJob());
        }

        double cpuSeconds = usefulFraction * tickNs / SimDuration.NsPerSecond;
        long allocated = 0;
        long freed = 0;
        for (int i = _jobs.Count - 1; i >= 0; i--)
        {
            Job job = _jobs[i];
            allocated += job.Run(this, cpuSeconds);
            if (job.Finished)
            {
                freed += job.Exit(Kernel);
                _jobs.RemoveAt(i);
                allocated += WriteObjectFile();
            }
        }

        ReportAllocated(allocated);
        ReportFreed(freed);
        return cpuSeconds * Jobs;
    }

    private Job StartJob()
    {
        double cpuNeed = Context.Rng.NextDouble(0.3, 3.0);
        long heapPages = (long)(cpuNeed * 0.6 * _allocPagesPerCpuSecond);
        return new Job(cpuNeed, heapPages);
    }

    /// <summary>
    /// A finished job reads its sources and writes its object through the page cache: pages of the tree not read yet,
    /// until the whole tree has been; then the job's files are in the cache already.
    /// </summary>
    private long WriteObjectFile()
    {
        long read = 0;
        while (read < FilePagesPerJob && _cachePages + read < _cacheTargetPages && Kernel.PageCache.ReadPage(Spec.Name))
        {
            read++;
        }

        _cachePages += read;
        return read;
    }

    private int DrawOrder()
    {
        int roll = Context.Rng.NextInt(100);
        foreach ((int order, int weight) in OrderMix)
        {
            if (roll < weight)
            {
                return order;
            }

            roll -= weight;
        }

        return 0;
    }

    /// <summary>One compiler process.</summary>
    private sealed class Job(double cpuNeed, long heapPages)
    {
        private readonly List<(int Pfn, int Order)> _blocks = [];
        private double _cpuDone;
        private double _rewriteCarry;

        public long Pages { get; private set; }

        public bool Finished => _cpuDone >= cpuNeed;

        /// <summary>Runs for <paramref name="cpuSeconds"/>: grows the heap towards its peak and rewrites part of it.</summary>
        public long Run(BuildWorkload build, double cpuSeconds)
        {
            _cpuDone += cpuSeconds;
            long targetPages = Math.Min(heapPages, (long)(heapPages * _cpuDone / (cpuNeed * 0.6)));
            long allocated = 0;
            while (Pages < targetPages)
            {
                int order = build.DrawOrder();
                int pfn = build.AllocateAndWrite(order);
                if (pfn < 0)
                {
                    break;
                }

                _blocks.Add((pfn, order));
                Pages += 1 << order;
                allocated += 1 << order;
            }

            _rewriteCarry += _blocks.Count * HeapRewritePerSecond * cpuSeconds;
            for (; _rewriteCarry >= 1 && _blocks.Count > 0; _rewriteCarry--)
            {
                (int pfn, int order) = _blocks[build.Context.Rng.NextInt(_blocks.Count)];
                build.Kernel.Write(pfn, 1 << order);
            }

            return allocated;
        }

        public long Exit(Guest.GuestKernel kernel)
        {
            foreach ((int pfn, int order) in _blocks)
            {
                kernel.Free(pfn, order);
            }

            _blocks.Clear();
            long freed = Pages;
            Pages = 0;
            return freed;
        }
    }
}
