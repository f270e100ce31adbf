using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>
/// Makes <see cref="SimFrame"/>s from a simulation, on the simulation's thread: it keeps the event ring, the sparkline
/// history and a reusable grid buffer, so a frame costs one pass over the pages in view.
/// </summary>
public sealed class FrameBuilder : IDisposable
{
    /// <summary>Key events a frame carries at most, and as many trace events.</summary>
    public const int EventCapacity = 1024;

    /// <summary>Sparkline samples kept.</summary>
    public const int HistoryCapacity = 240;

    /// <summary>Simulated time between sparkline samples: 250 ms.</summary>
    public const long HistoryIntervalNs = 250_000_000;

    private readonly GuestMachine _simulation;
    private readonly EventTail _events = new(EventCapacity);
    private readonly MetricHistory _history = new(HistoryCapacity, HistoryIntervalNs);
    private readonly IDisposable _subscription;
    private readonly GridAggregate _grid = new();
    private long _frames;
    private MigrationResult? _lastLegacy;
    private MigrationResult? _lastHinting;
    private MigrationResult? _last;

    /// <summary>Starts listening to <paramref name="simulation"/>'s events.</summary>
    public FrameBuilder(GuestMachine simulation)
    {
        _simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
        _subscription = simulation.Events.Subscribe(e =>
        {
            _events.Add(e);
            if (e is MigrationEnded ended)
            {
                Remember(ended.Result);
            }
        });
        RecordHistoryIfDue();
    }

    /// <summary>Takes a sparkline sample when one is due; call after every step.</summary>
    public void RecordHistoryIfDue()
    {
        if (_history.IsDue(_simulation.NowNs))
        {
            var memory = _simulation.Kernel.Memory;
            long dirty = _simulation.Migration is { IsActive: true } migration ? migration.RemainingDirtyPages : 0;
            _history.Record(new MetricSample(_simulation.NowNs, _simulation.Ram.Backed.SetCount, memory.CountOf(Simulation.Memory.PageState.Free), dirty));
        }
    }

    /// <summary>Makes a frame of the simulation as it is now.</summary>
    /// <param name="window">The grid window; it is clamped to the guest.</param>
    /// <param name="selection">The selected pages, or null.</param>
    /// <param name="speed">The speed to report.</param>
    /// <param name="paused">Whether the runner is paused.</param>
    /// <param name="achievedFactor">Simulated seconds per wall second achieved lately.</param>
    public SimFrame Build(GridWindow window, (int StartPfn, int PageCount)? selection, SimulationSpeed speed, bool paused, double achievedFactor)
    {
        GridWindow clamped = Clamp(window);
        _simulation.Grid(clamped.Cells, clamped.StartPfn, clamped.PageCount, _grid);
        SelectionDetails? details = null;
        if (selection is (int start, int count) && count > 0 && start >= 0 && start + (long)count <= _simulation.Kernel.Memory.PageCount)
        {
            details = SelectionDetails.Read(_simulation, start, count);
        }

        var kernel = _simulation.Kernel;
        return new SimFrame
        {
            Number = ++_frames,
            Counts = _simulation.Counts(),
            Grid = GridFrame.From(clamped, _grid),
            Selection = details,
            Features = new FeatureState(kernel.Poison, kernel.InitOnAllocRequested, kernel.InitOnAlloc, _simulation.Balloon.Device.Properties, _simulation.Balloon.Device.Features, _simulation.BalloonCounts(), _simulation.Workload.Spec, _simulation.Options.Guest.HintDesign),
            Migration = MigrationNow(),
            RecentEvents = _events.Snapshot(),
            History = _history.Snapshot(),
            Speed = speed,
            Paused = paused,
            AchievedFactor = achievedFactor,
        };
    }

    private MigrationView MigrationNow()
    {
        MigrationEngine? migration = _simulation.Migration;
        return new MigrationView
        {
            Active = migration?.IsActive ?? false,
            PingPong = _simulation.PingPong,
            Number = migration?.Number ?? 0,
            Phase = migration?.Phase,
            Round = migration?.Round ?? 0,
            RemainingDirtyPages = migration?.IsActive == true ? migration.RemainingDirtyPages : 0,
            BytesTransferred = migration?.BytesTransferred ?? 0,
            PagesSkippedByHint = migration?.PagesSkippedByHint ?? 0,
            ElapsedNs = migration?.IsActive == true ? migration.ElapsedNs : migration?.Result?.TotalTimeNs ?? 0,
            LastLegacy = _lastLegacy,
            LastHinting = _lastHinting,
            Last = _last,
        };
    }

    private void Remember(MigrationResult result)
    {
        _last = result;
        if (result.Outcome != MigrationOutcome.Completed)
        {
            return;
        }

        if (result.Hinting)
        {
            _lastHinting = result;
        }
        else
        {
            _lastLegacy = result;
        }
    }

    /// <summary>Stops listening to the simulation's events.</summary>
    public void Dispose() => _subscription.Dispose();

    private GridWindow Clamp(GridWindow window)
    {
        int total = _simulation.Kernel.Memory.PageCount;
        int count = Math.Clamp(window.PageCount, 1, total);
        int start = Math.Clamp(window.StartPfn, 0, total - count);
        return new GridWindow(start, count, Math.Max(1, window.Cells));
    }
}
