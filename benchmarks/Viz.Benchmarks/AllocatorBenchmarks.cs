using BenchmarkDotNet.Attributes;
using Viz.Simulation.Memory;

namespace Viz.Benchmarks;

/// <summary>The buddy allocator: 4,096 allocations and their frees, of 4 KiB pages and of 2 MiB blocks, in an 8 GiB guest.</summary>
public class AllocatorBenchmarks
{
    private const int Operations = 4096;
    private readonly int[] _blocks = new int[Operations];
    private BuddyAllocator _allocator = null!;

    /// <summary>The order allocated: 0 (4 KiB) or 9 (2 MiB).</summary>
    [Params(0, 9)]
    public int Order { get; set; }

    [GlobalSetup]
    public void Setup() => _allocator = Guests.Idle(8).Kernel.Allocator;

    /// <summary>Allocates <see cref="Operations"/> blocks, then frees them, last first.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public void AllocateAndFree()
    {
        for (int i = 0; i < Operations; i++)
        {
            _blocks[i] = _allocator.Allocate(Order);
        }

        for (int i = Operations - 1; i >= 0; i--)
        {
            _allocator.Free(_blocks[i], Order);
        }
    }
}
