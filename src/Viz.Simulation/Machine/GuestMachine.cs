using System.Collections.Concurrent;
using System.IO.Hashing;
using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Machine;

/// <summary>
/// One simulated guest on a virtual clock: its kernel, its workload, the event queue that drives them, and the
/// events they publish. Deterministic: the same options and the same commands at the same times give the same run.
/// Not thread-safe except <see cref="Enqueue"/>, which may be called from any thread.
/// </summary>
public sealed class GuestMachine : IFreePageHintSink, IWorkProgress, IMigrationObserver
{
    private readonly ConcurrentQueue<ISimCommand> _commands = new();
    private readonly SimulationOptions _options;
    /// <summary>How many grid windows are kept current at once: the visualizer's grid, a selection, a host view's.</summary>
    private const int MaxTallies = 4;

    private readonly List<IPrecopyListener> _precopyListeners = [];
    private readonly List<GridTally> _tallies = [];
    private bool _pingPong;

    /// <summary>Builds, boots and starts a simulation: a guest alone on its host, on its own clock.</summary>
    public GuestMachine(SimulationOptions options)
        : this(options, new EventScheduler(), sharedHost: null)
    {
    }

    /// <summary>
    /// Builds, boots and starts a guest on <paramref name="queue"/>'s clock; on <paramref name="sharedHost"/> when
    /// several guests share one (whose owner then runs the host's accounting), else on a host of its own.
    /// </summary>
    internal GuestMachine(SimulationOptions options, EventScheduler queue, HostMemory? sharedHost)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Queue = queue ?? throw new ArgumentNullException(nameof(queue));
        Events = new EventBus();
        Ram = new GuestRamBacking(options.Guest.MemoryBytes);
        Kernel = new GuestKernel(options.Guest, Queue, Events, Ram);
        BootFootprint.Apply(Kernel, options.Guest.BootFootprintBytes, SimRng.ForComponent(options.Seed, "boot"));
        if (options.Guest.MaxOrderFreeShare is double share)
        {
            BootFootprint.Fragment(Kernel, share, SimRng.ForComponent(options.Seed, "fragmentation"));
        }

        Host = sharedHost ?? new HostMemory(options.Host, Queue, Events);
        HostAccount = Host.Attach(Kernel, Ram, options.Host, Events);
        Balloon = new VirtioBalloon(Kernel, Host, HostAccount, options.Device, options.DriverFeatures, Queue, Events, hintSink: this, options.Host.HintConsumer);
        if (options.Host.HintConsumer == FreePageHintConsumer.Migration)
        {
            // Firecracker has no QEMU precopy notifier: its hint runs come from its API only.
            AddPrecopyListener(new FreePageHintNotifier(Balloon.Backend));
        }

        Workload = StartWorkload(options.Workload);
        Queue.ScheduleAfter(options.TickNs, TickWorkload);
        if (sharedHost is null)
        {
            Queue.ScheduleAfter(options.TickNs, TickHost);
        }
    }

    /// <summary>The options the simulation was built with.</summary>
    public SimulationOptions Options => _options;

    /// <summary>The discrete-event queue and virtual clock.</summary>
    public EventScheduler Queue { get; }

    /// <summary>Where every component publishes its events.</summary>
    public EventBus Events { get; }

    /// <summary>The guest kernel.</summary>
    public GuestKernel Kernel { get; }

    /// <summary>The host's backing of the guest's RAM and KVM's dirty log.</summary>
    public GuestRamBacking Ram { get; }

    /// <summary>The host the guest runs on.</summary>
    public HostMemory Host { get; }

    /// <summary>What the host counts of this guest.</summary>
    public HostGuestAccount HostAccount { get; }

    /// <summary>The guest's virtio-balloon: host backend, device, driver.</summary>
    public VirtioBalloon Balloon { get; }

    /// <summary>The running workload.</summary>
    public Workload Workload { get; private set; }

    /// <summary>Virtual time in nanoseconds.</summary>
    public long NowNs => Queue.NowNs;

    /// <summary>Whether the guest's vCPUs run (false during a migration's stop-and-copy).</summary>
    public bool VmRunning => Kernel.VcpusRunning;

    /// <summary>The running migration, or the last one; null before the first.</summary>
    public MigrationEngine? Migration { get; private set; }

    /// <summary>Whether migrations follow each other back and forth until cancelled.</summary>
    public bool PingPong => _pingPong;

    /// <summary>Migrations started so far.</summary>
    public int MigrationsStarted { get; private set; }

    /// <summary>Who hears the precopy notifier.</summary>
    public IReadOnlyList<IPrecopyListener> PrecopyListeners => _precopyListeners;

    /// <summary>The longest a headless run waits for a workload to settle before it starts a migration anyway.</summary>
    public const long MaxSettleNs = 3600 * SimDuration.NsPerSecond;

    /// <summary>Whether a precopy listener sends free page hints.</summary>
    public bool HintingNegotiated => _precopyListeners.Any(listener => listener.HintsFreePages);

    /// <summary>Queues a command; it is applied at the start of the next <see cref="Step"/> or <see cref="RunUntil"/>.</summary>
    public void Enqueue(ISimCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Enqueue(command);
    }

    /// <summary>Applies queued commands, then advances virtual time by <paramref name="durationNs"/>.</summary>
    public void Step(long durationNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationNs);
        RunUntil(NowNs + durationNs);
    }

    /// <summary>
    /// Runs the guest for <paramref name="startAfterNs"/>, or, when it is null, until its workload has settled: for
    /// <see cref="Workload.SettleNs"/>, then on in steps of a simulated second while the workload says it is not
    /// settled yet, for at most <see cref="MaxSettleNs"/> in all.
    /// </summary>
    public void SettleUnless(long? startAfterNs)
    {
        if (startAfterNs is long fixedStart)
        {
            Step(fixedStart);
            return;
        }

        long deadline = NowNs + MaxSettleNs;
        Step(Math.Min(Workload.SettleNs, MaxSettleNs));
        while (!Workload.Settled && NowNs < deadline)
        {
            Step(Math.Min(SimDuration.NsPerSecond, deadline - NowNs));
        }
    }

    /// <summary>Applies queued commands, then runs every event up to virtual time <paramref name="timeNs"/>.</summary>
    public void RunUntil(long timeNs)
    {
        ApplyCommands();
        Queue.RunUntil(timeNs);
    }

    /// <summary>Applies the queued commands now.</summary>
    internal void ApplyCommands()
    {
        while (_commands.TryDequeue(out ISimCommand? command))
        {
            string description = command.Apply(this);
            Events.Publish(new CommandApplied(NowNs, description, command));
        }
    }

    /// <summary>The whole guest's figures now.</summary>
    public MemoryCounts Counts()
    {
        Memory.GuestMemory memory = Kernel.Memory;
        return new MemoryCounts
        {
            TimeNs = NowNs,
            TotalPages = memory.PageCount,
            Free = memory.CountOf(Memory.PageState.Free),
            Allocated = memory.CountOf(Memory.PageState.Allocated),
            Kernel = memory.CountOf(Memory.PageState.Kernel),
            Reporting = memory.CountOf(Memory.PageState.Reporting),
            Hinted = memory.CountOf(Memory.PageState.Hinted),
            Ballooned = memory.CountOf(Memory.PageState.Ballooned),
            Reported = memory.Reported.SetCount,
            Poisoned = System.Runtime.InteropServices.MemoryMarshal.AsBytes(memory.Kinds).Count((byte)Memory.ContentKind.Poison),
            Backed = Ram.Backed.SetCount,
            PageCache = Kernel.PageCache.Pages,
            FirstTouchFaults = Ram.FirstTouchFaults,
            Refaults = Ram.Refaults,
            PoisonErrorPages = Kernel.PoisonErrorPages,
            OutOfMemoryEvents = Kernel.OutOfMemoryEvents,
            Workload = Workload.Spec.ToString(),
            WorkloadPhase = Workload.Phase,
            WorkDone = Workload.UnitsDone,
            WorkPerSecond = Workload.UnitsPerSecond,
            WorkUnit = Workload.Unit,
        };
    }

    /// <summary>The balloon device's and the host's figures now.</summary>
    public BalloonCounts BalloonCounts()
    {
        HostGuestAccount guest = Balloon.Backend.Guest;
        BalloonDevice device = Balloon.Device;
        return new BalloonCounts
        {
            HostRssPages = guest.ResidentPages,
            DiscardedPages = guest.DiscardedPages,
            DiscardedResidentPages = guest.DiscardedResidentPages,
            SwapOutPages = guest.SwapOuts,
            SwapInPages = guest.Ram.SwapIns,
            SwappedPages = guest.Ram.Swapped.SetCount,
            SwapIoNs = Host.SwapIoNs,
            OfferedFeatures = BalloonFeatureSet.Names(device.Negotiation.Offered),
            NegotiatedFeatures = BalloonFeatureSet.Names(device.Features),
            NumPages = device.Config.NumPages,
            Actual = device.Config.Actual,
            PoisonVal = device.Config.PoisonVal,
            HintStatus = Balloon.Hints.Status,
            HintCmdId = Balloon.Hints.CmdId,
            HintsAccepted = Balloon.Hints.AcceptedHints,
            HintsIgnored = Balloon.Hints.IgnoredHints,
            ReportingState = Balloon.Driver.Reporting?.State,
            Reports = Balloon.Driver.Reporting?.Reports ?? 0,
            OomDeflatedPages = Balloon.Driver.OomDeflatedPages,
        };
    }

    /// <summary>
    /// Aggregates pages [start, start+count) (the whole guest by default) into <paramref name="cells"/> cells, reusing
    /// <paramref name="reuse"/> when given.
    /// </summary>
    /// <remarks>
    /// The last few windows asked for are kept current as pages change (<see cref="GridTally"/>), so asking again for
    /// one of them copies its counts instead of scanning the pages. Like every other call that reads or changes the guest,
    /// it belongs to the thread that runs the simulation.
    /// </remarks>
    public GridAggregate Grid(int cells, int start = 0, int count = -1, GridAggregate? reuse = null)
    {
        GridAggregate grid = reuse ?? new GridAggregate();
        Memory.PageBitmap? dirty = Migration is { IsActive: true } migration ? migration.DirtyBitmap : null;
        count = count < 0 ? Kernel.Memory.PageCount - start : count;
        GridTally? tally = _tallies.Find(t => t.Grid.Covers(start, count, cells));
        if (tally is null)
        {
            if (_tallies.Count == MaxTallies)
            {
                _tallies[0].Dispose();
                _tallies.RemoveAt(0);
            }

            tally = new GridTally(Kernel.Memory, Ram, start, count, cells, dirty);
        }
        else
        {
            _tallies.Remove(tally);
            tally.ShowDirty(dirty);
        }

        _tallies.Add(tally);
        grid.CopyFrom(tally.Grid);
        return grid;
    }

    /// <summary>A hash of the guest's whole memory and allocator state, for checking that two runs are identical.</summary>
    public ulong StateHash()
    {
        var hash = new XxHash64();
        Kernel.Memory.AppendTo(hash);
        Ram.AppendTo(hash);
        Kernel.Allocator.AppendTo(hash);
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>Registers a precopy notifier listener (QEMU's precopy_add_notifier).</summary>
    public void AddPrecopyListener(IPrecopyListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _precopyListeners.Add(listener);
    }

    /// <summary>Starts a migration (a ping-pong when the parameters ask) unless one is running; returns whether it started.</summary>
    internal bool StartMigration(MigrationParameters parameters)
    {
        if (Migration is { IsActive: true })
        {
            return false;
        }

        _pingPong = parameters.PingPong;
        MigrationsStarted++;
        var source = new MigrationSource
        {
            Clock = Queue,
            Events = Events,
            Guest = Kernel,
            Ram = Ram,
            Work = this,
            PrecopyListeners = _precopyListeners,
            Owner = this,
        };
        Migration = new MigrationEngine(source, parameters, MigrationsStarted);
        Migration.Start();
        return true;
    }

    /// <inheritdoc/>
    double IWorkProgress.UnitsDone => Workload.UnitsDone;

    /// <inheritdoc/>
    double IWorkProgress.UnitsPerSecond => Workload.UnitsPerSecond;

    /// <summary>A hint the host accepted clears the running migration's bitmap (qemu_guest_free_page_hint).</summary>
    void IFreePageHintSink.OnFreePageHint(int pfn, int pages) => Migration?.ApplyHint(pfn, pages);

    /// <summary>A migration ended; in ping-pong mode a completed one is followed by the next once a new destination is up.</summary>
    void IMigrationObserver.OnMigrationEnded(MigrationEngine migration)
    {
        if (_pingPong && migration.Phase == MigrationPhase.Completed)
        {
            Queue.ScheduleAfter(migration.Parameters.PingPongGapNs, () =>
            {
                if (_pingPong)
                {
                    StartMigration(migration.Parameters);
                }
            });
        }
    }

    /// <summary>Cancels the running migration, if any, and ends a ping-pong; returns whether one was running.</summary>
    internal bool CancelMigration()
    {
        _pingPong = false;
        if (Migration is not { IsActive: true } migration)
        {
            return false;
        }

        migration.Cancel();
        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the guest's vCPUs: now, or, while a migration's stop-and-copy has them stopped,
    /// once they run again (on the destination). Driver removal and probe, a reboot's re-initialisation of free memory
    /// and a workload's exit are guest code: none of it can run, or write memory, while the guest is stopped.
    /// </summary>
    internal void OnGuest(Action work) => Kernel.OnVcpu(work);

    /// <summary>What a command's line adds when the guest is stopped and the command waits for it.</summary>
    internal string WaitNote => VmRunning ? string.Empty : " (waits: the guest is stopped for stop-and-copy)";

    /// <summary>Stops the running workload, freeing its memory, and starts <paramref name="spec"/>.</summary>
    internal void SwitchWorkload(WorkloadSpec spec)
    {
        Workload.Terminate();
        Workload = StartWorkload(spec);
    }

    private Workload StartWorkload(WorkloadSpec spec)
    {
        var context = new WorkloadContext(Kernel, Queue, Events, SimRng.ForComponent(_options.Seed, "workload:" + spec));
        return WorkloadFactory.Create(spec, context);
    }

    private void TickHost()
    {
        Host.Balance();
        Queue.ScheduleAfter(_options.TickNs, TickHost);
    }

    private void TickWorkload()
    {
        if (VmRunning)
        {
            Workload.Tick(_options.TickNs);
        }

        Queue.ScheduleAfter(_options.TickNs, TickWorkload);
    }
}
