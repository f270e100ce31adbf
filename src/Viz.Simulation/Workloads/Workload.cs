using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// A program running in the guest, driven one tick at a time. Each tick it gets its vCPUs' time minus what faults
/// and reclaim stole from them, does that much work, and counts it, so features that cost the guest time show up as
/// lost progress.
/// </summary>
public abstract class Workload : IWorkProgress
{
    private double _windowUnits;
    private long _windowStartNs;

    /// <summary>Creates a workload running in <paramref name="context"/>'s guest.</summary>
    protected Workload(WorkloadSpec spec, WorkloadContext context)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Phase = "running";
    }

    /// <summary>What the user asked for.</summary>
    public WorkloadSpec Spec { get; }

    /// <summary>The workload's current phase, for display (hog: allocating, holding, freeing, done).</summary>
    public string Phase { get; private set; }

    /// <summary>The unit progress is counted in.</summary>
    public abstract string Unit { get; }

    /// <summary>Work done since the workload started.</summary>
    public double UnitsDone { get; private set; }

    /// <summary>Work done per simulated second, over the last full second.</summary>
    public double UnitsPerSecond { get; private set; }

    /// <summary>How long after it starts the workload reaches its steady state (hog: freed and idle again).</summary>
    public virtual long SettleNs => 5 * SimDuration.NsPerSecond;

    /// <summary>
    /// Whether the workload has reached its steady state; one that can tell (freed: its memory is free again) says
    /// so, because faults and stalls can make it slower than <see cref="SettleNs"/> foresaw.
    /// </summary>
    public virtual bool Settled => true;

    /// <summary>vCPUs the workload keeps busy.</summary>
    public virtual int Parallelism => 1;

    /// <summary>The guest and simulation services.</summary>
    protected WorkloadContext Context { get; }

    /// <summary>The guest kernel.</summary>
    protected GuestKernel Kernel => Context.Kernel;

    /// <summary>When a workload of finite size (a build with work=) finished, in simulated time; null until then.</summary>
    public long? CompletedAtNs { get; private set; }

    /// <summary>Runs one tick of <paramref name="tickNs"/> nanoseconds; a finished workload does nothing.</summary>
    public void Tick(long tickNs)
    {
        if (CompletedAtNs is not null)
        {
            return;
        }

        long budget = tickNs * Parallelism;
        long stall = Kernel.TakeStallNs(budget);
        double useful = 1.0 - (stall / (double)budget);
        double units = RunTick(tickNs, useful);
        UnitsDone += units;
        if (Spec.WorkNs is long work && UnitsDone * SimDuration.NsPerSecond >= work)
        {
            Terminate();
            CompletedAtNs = Context.Clock.NowNs;
            EnterPhase("done");
        }

        _windowUnits += units;
        long now = Context.Clock.NowNs;
        if (now - _windowStartNs >= SimDuration.NsPerSecond)
        {
            UnitsPerSecond = _windowUnits * SimDuration.NsPerSecond / (now - _windowStartNs);
            _windowUnits = 0;
            _windowStartNs = now;
        }
    }

    /// <summary>The workload exits: its process ends and its memory is freed.</summary>
    public abstract void Terminate();

    /// <summary>
    /// Does one tick of work with <paramref name="usefulFraction"/> of the vCPU time available; returns the units of
    /// work done.
    /// </summary>
    protected abstract double RunTick(long tickNs, double usefulFraction);

    /// <summary>Enters a new phase and publishes it.</summary>
    protected void EnterPhase(string phase)
    {
        Phase = phase;
        Context.Events.Publish(new WorkloadPhaseChanged(Context.Clock.NowNs, Spec.Name, phase));
    }

    /// <summary>Allocates and writes one block; returns its first page or -1 when the guest is out of memory.</summary>
    protected int AllocateAndWrite(int order)
    {
        int pfn = Kernel.Allocate(order, AllocMode.Normal, Spec.Name);
        if (pfn >= 0)
        {
            Kernel.Write(pfn, 1 << order);
        }

        return pfn;
    }

    /// <summary>MiB in <paramref name="pages"/> pages.</summary>
    protected static double MiB(long pages) => pages * (double)KernelConstants.PageSize / (1 << 20);

    /// <summary>Pages for <paramref name="bytes"/>, rounded down.</summary>
    protected static long PagesOf(long bytes) => bytes / KernelConstants.PageSize;

    /// <summary>Publishes an allocation burst when <paramref name="pages"/> is not zero.</summary>
    protected void ReportAllocated(long pages)
    {
        if (pages > 0)
        {
            Context.Events.Publish(new AllocationBurst(Context.Clock.NowNs, Spec.Name, pages));
        }
    }

    /// <summary>Publishes a free burst when <paramref name="pages"/> is not zero.</summary>
    protected void ReportFreed(long pages)
    {
        if (pages > 0)
        {
            Context.Events.Publish(new FreeBurst(Context.Clock.NowNs, Spec.Name, pages));
        }
    }
}

/// <summary>What a workload runs against: the guest, the clock, the event bus and its own random numbers.</summary>
/// <param name="Kernel">The guest kernel.</param>
/// <param name="Clock">The simulation's event queue (for the time).</param>
/// <param name="Events">Where events go.</param>
/// <param name="Rng">The workload's own random numbers.</param>
public sealed record WorkloadContext(GuestKernel Kernel, EventScheduler Clock, EventBus Events, SimRng Rng);
