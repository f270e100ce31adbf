using BenchmarkDotNet.Attributes;
using Viz.Simulation.Memory;

namespace Viz.Benchmarks;

/// <summary>
/// The migration bitmap of an 8 GiB guest (2 M bits): walking its set bits as the migration thread does, sparse (1%)
/// and dense (all), and clearing a range as a free page hint does.
/// </summary>
public class BitmapBenchmarks
{
    private const int Pages = 8 << 18;
    private PageBitmap _bitmap = null!;

    /// <summary>Every how many pages one is set: 1 (all) or 100 (1%).</summary>
    [Params(1, 100)]
    public int Every { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bitmap = new PageBitmap(Pages);
        for (int pfn = 0; pfn < Pages; pfn += Every)
        {
            _bitmap.Set(pfn, true);
        }
    }

    /// <summary>Finds every set bit, first to last.</summary>
    [Benchmark]
    public int WalkSetBits()
    {
        int found = 0;
        for (int pfn = _bitmap.NextSet(0); pfn >= 0; pfn = _bitmap.NextSet(pfn + 1))
        {
            found++;
        }

        return found;
    }

    /// <summary>Clears a 4 MiB block's bits and sets them again (a hint, then the next sync).</summary>
    [Benchmark]
    public int ClearAndSetBlock()
    {
        int cleared = _bitmap.ClearRange(Pages / 2, KernelConstants.MaxOrderPages);
        _bitmap.SetRange(Pages / 2, KernelConstants.MaxOrderPages);
        return cleared;
    }
}
