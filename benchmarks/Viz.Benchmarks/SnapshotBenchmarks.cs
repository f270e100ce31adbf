using BenchmarkDotNet.Attributes;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Snapshots;

namespace Viz.Benchmarks;

/// <summary>The per-cell grid of a guest (200×60 cells), and a whole frame of it, at the guest sizes the issue names.</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private const int Cells = 200 * 60;
    private GuestMachine _machine = null!;
    private GridAggregate _grid = null!;
    private FrameBuilder _frames = null!;

    /// <summary>The guest's size in GiB.</summary>
    [Params(8, 64)]
    public int Gib { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _machine = Guests.Idle(Gib);
        _grid = _machine.Grid(Cells);
        _frames = new FrameBuilder(_machine);
    }

    [GlobalCleanup]
    public void Cleanup() => _frames.Dispose();

    /// <summary>The per-cell aggregate of the whole guest.</summary>
    [Benchmark]
    public GridAggregate Grid() => _machine.Grid(Cells, reuse: _grid);

    /// <summary>A whole frame: counts, grid, features, migration, events.</summary>
    [Benchmark]
    public SimFrame Frame() => _frames.Build(new GridWindow(0, _machine.Kernel.Memory.PageCount, Cells), null, SimulationSpeed.RealTime, false, 1);
}
