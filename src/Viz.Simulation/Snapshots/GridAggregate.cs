using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Snapshots;

/// <summary>
/// A run of guest pages split into cells, each cell holding how many of its pages are in each
/// <see cref="GridLayer"/>. Cell i covers pages [Start + i·Pages/Cells, Start + (i+1)·Pages/Cells): with more cells
/// than pages some cells are empty, with fewer each cell aggregates a run of pages.
/// </summary>
public sealed class GridAggregate
{
    private int[] _counts = [];

    /// <summary>First page covered.</summary>
    public int StartPfn { get; private set; }

    /// <summary>Pages covered.</summary>
    public int PageCount { get; private set; }

    /// <summary>Number of cells.</summary>
    public int Cells { get; private set; }

    /// <summary>The first page of <paramref name="cell"/>.</summary>
    public int CellStart(int cell) => StartPfn + (int)((long)cell * PageCount / Cells);

    /// <summary>Pages in <paramref name="cell"/>.</summary>
    public int PagesIn(int cell) => CellStart(cell + 1) - CellStart(cell);

    /// <summary>Pages of <paramref name="cell"/> in <paramref name="layer"/>.</summary>
    public int Count(int cell, GridLayer layer) => _counts[(cell * GridLayers.Count) + (int)layer];

    /// <summary>Every layer's count in <paramref name="cell"/>, indexed by <see cref="GridLayer"/>.</summary>
    public ReadOnlySpan<int> CellCounts(int cell) => _counts.AsSpan(cell * GridLayers.Count, GridLayers.Count);

    /// <summary>
    /// The cell holding page <paramref name="pfn"/> (inside the covered run): the last cell whose first page is at or
    /// before it, the inverse of <see cref="CellStart"/>.
    /// </summary>
    public int CellOf(int pfn) => (int)(((((long)pfn - StartPfn + 1) * Cells) - 1) / PageCount);

    /// <summary>Whether this aggregate covers pages [start, start+count) in <paramref name="cells"/> cells.</summary>
    public bool Covers(int start, int count, int cells) => StartPfn == start && PageCount == count && Cells == cells;

    /// <summary>Makes this aggregate a copy of <paramref name="other"/>, reusing its buffer when it is large enough.</summary>
    public void CopyFrom(GridAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Resize(other.StartPfn, other.PageCount, other.Cells);
        other._counts.AsSpan(0, other.Cells * GridLayers.Count).CopyTo(_counts);
    }

    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="layer"/> in <paramref name="cell"/>.</summary>
    internal void Add(int cell, GridLayer layer, int delta) => _counts[(cell * GridLayers.Count) + (int)layer] += delta;

    /// <summary>
    /// Fills this aggregate from <paramref name="memory"/> for pages [start, start+count) in <paramref name="cells"/> cells,
    /// reusing its buffer when it is large enough. <paramref name="dirty"/> is a running migration's bitmap, if any.
    /// </summary>
    public void Fill(GuestMemory memory, GuestRamBacking ram, int start, int count, int cells, PageBitmap? dirty = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(ram);
        if (start < 0 || count <= 0 || start + (long)count > memory.PageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"pages [{start}, {start + count}) outside the guest's {memory.PageCount}");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cells);
        Resize(start, count, cells);
        ReadOnlySpan<byte> states = System.Runtime.InteropServices.MemoryMarshal.AsBytes(memory.States);
        ReadOnlySpan<byte> kinds = System.Runtime.InteropServices.MemoryMarshal.AsBytes(memory.Kinds);
        for (int cell = 0; cell < cells; cell++)
        {
            int first = CellStart(cell);
            int pages = CellStart(cell + 1) - first;
            Span<int> counts = _counts.AsSpan(cell * GridLayers.Count, GridLayers.Count);
            ReadOnlySpan<byte> cellStates = states.Slice(first, pages);
            int others = 0;
            for (int state = 1; state < PageStates.Count; state++)
            {
                counts[state] = cellStates.Count((byte)state);
                others += counts[state];
            }

            counts[(int)GridLayer.Free] = pages - others;
            counts[(int)GridLayer.Reported] = memory.Reported.CountRange(first, pages);
            counts[(int)GridLayer.Poisoned] = kinds.Slice(first, pages).Count((byte)ContentKind.Poison);
            counts[(int)GridLayer.Backed] = ram.Backed.CountRange(first, pages);
            counts[(int)GridLayer.Dirty] = dirty?.CountRange(first, pages) ?? 0;
        }
    }

    private void Resize(int start, int count, int cells)
    {
        StartPfn = start;
        PageCount = count;
        Cells = cells;
        if (_counts.Length < cells * GridLayers.Count)
        {
            _counts = new int[cells * GridLayers.Count];
        }
    }
}
