namespace Viz.Simulation.Workloads;

/// <summary>
/// An idle guest after boot: daemons wake up now and then, touch a few pages for a moment and free them again.
/// RATE is how much they touch per second (default 1 MiB/s); SIZE is not used.
/// </summary>
public sealed class IdleWorkload : Workload
{
    /// <summary>What the daemons of an idle guest touch per second unless RATE says otherwise.</summary>
    public const long DefaultTouchBytesPerSecond = 1L << 20;

    private readonly IdleDaemons _daemons;

    /// <summary>Creates the idle workload.</summary>
    public IdleWorkload(WorkloadSpec spec, WorkloadContext context)
        : base(spec, context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _daemons = new IdleDaemons(context, PagesOf(spec.RateBytesPerSecond ?? DefaultTouchBytesPerSecond));
        EnterPhase("idle");
    }

    /// <inheritdoc/>
    public override string Unit => "MiB touched";

    /// <inheritdoc/>
    public override void Terminate() => ReportFreed(_daemons.FreeAll());

    /// <inheritdoc/>
    protected override double RunTick(long tickNs, double usefulFraction)
    {
        ReportFreed(_daemons.FreeDue());
        long done = _daemons.Touch(tickNs, usefulFraction, () => AllocateAndWrite(0));
        ReportAllocated(done);
        return MiB(done);
    }
}
