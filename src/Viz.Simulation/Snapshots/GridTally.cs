using System.Numerics;
using System.Runtime.InteropServices;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Snapshots;

/// <summary>
/// A <see cref="GridAggregate"/> kept current as pages change: it is counted once, by a scan, when it is made, and
/// from then on every state change, content-kind change and bit flip of the bitmaps it shows (PG_reported, the host's
/// backing, a migration's dirty bitmap) adjusts the counts of the cells it touches. A snapshot is then a copy of the
/// counts, whatever the guest's size.
/// </summary>
public sealed class GridTally : IPageObserver, IBitmapObserver, IDisposable
{
    private readonly GuestMemory _memory;
    private readonly GuestRamBacking _ram;
    private readonly GridAggregate _grid = new();
    private PageBitmap? _dirty;

    /// <summary>Counts pages [start, start+count) of <paramref name="memory"/> in <paramref name="cells"/> cells and starts following them.</summary>
    public GridTally(GuestMemory memory, GuestRamBacking ram, int start, int count, int cells, PageBitmap? dirty)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _ram = ram ?? throw new ArgumentNullException(nameof(ram));
        _dirty = dirty;
        _grid.Fill(memory, ram, start, count, cells, dirty);
        memory.AddObserver(this);
        memory.Reported.AddObserver(this);
        ram.Backed.AddObserver(this);
        dirty?.AddObserver(this);
    }

    /// <summary>The current counts.</summary>
    public GridAggregate Grid => _grid;

    /// <summary>Shows <paramref name="dirty"/> (a running migration's bitmap, or none) as the dirty layer from now on.</summary>
    public void ShowDirty(PageBitmap? dirty)
    {
        if (ReferenceEquals(dirty, _dirty))
        {
            return;
        }

        _dirty?.RemoveObserver(this);
        _dirty = dirty;
        _dirty?.AddObserver(this);
        Recount(GridLayer.Dirty, _dirty);
    }

    /// <inheritdoc/>
    public void StatesChanged(int pfn, int count, PageState from, PageState into)
    {
        var segments = new Segments(_grid, pfn, count);
        while (segments.Next(out int cell, out _, out int pages))
        {
            _grid.Add(cell, (GridLayer)from, -pages);
            _grid.Add(cell, (GridLayer)into, pages);
        }
    }

    /// <inheritdoc/>
    public void KindsChanging(int pfn, int count) => AddPoison(pfn, count, -1);

    /// <inheritdoc/>
    public void KindsChanged(int pfn, int count) => AddPoison(pfn, count, 1);

    /// <inheritdoc/>
    public void BitsChanged(PageBitmap bitmap, int wordStart, ulong changed, bool nowSet)
    {
        GridLayer layer = LayerOf(bitmap);
        int sign = nowSet ? 1 : -1;
        int first = Math.Max(wordStart, _grid.StartPfn);
        int end = Math.Min(wordStart + 64, _grid.StartPfn + _grid.PageCount);
        if (first >= end)
        {
            return;
        }

        int firstCell = _grid.CellOf(first);
        if (firstCell == _grid.CellOf(end - 1))
        {
            _grid.Add(firstCell, layer, sign * BitOperations.PopCount(changed & WindowMask(wordStart, first, end)));
            return;
        }

        for (ulong bits = changed & WindowMask(wordStart, first, end); bits != 0; bits &= bits - 1)
        {
            _grid.Add(_grid.CellOf(wordStart + BitOperations.TrailingZeroCount(bits)), layer, sign);
        }
    }

    /// <inheritdoc/>
    public void BitmapReplaced(PageBitmap bitmap) => Recount(LayerOf(bitmap), bitmap);

    /// <summary>Stops following the guest.</summary>
    public void Dispose()
    {
        _memory.RemoveObserver(this);
        _memory.Reported.RemoveObserver(this);
        _ram.Backed.RemoveObserver(this);
        _dirty?.RemoveObserver(this);
    }

    private GridLayer LayerOf(PageBitmap bitmap) =>
        ReferenceEquals(bitmap, _memory.Reported) ? GridLayer.Reported
        : ReferenceEquals(bitmap, _ram.Backed) ? GridLayer.Backed
        : GridLayer.Dirty;

    private static ulong WindowMask(int wordStart, int first, int end)
    {
        int low = first - wordStart;
        int bits = end - first;
        return (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1) << low;
    }

    private void AddPoison(int pfn, int count, int sign)
    {
        ReadOnlySpan<byte> kinds = MemoryMarshal.AsBytes(_memory.Kinds);
        var segments = new Segments(_grid, pfn, count);
        while (segments.Next(out int cell, out int first, out int pages))
        {
            _grid.Add(cell, GridLayer.Poisoned, sign * kinds.Slice(first, pages).Count((byte)ContentKind.Poison));
        }
    }

    private void Recount(GridLayer layer, PageBitmap? bitmap)
    {
        for (int cell = 0; cell < _grid.Cells; cell++)
        {
            int now = bitmap?.CountRange(_grid.CellStart(cell), _grid.PagesIn(cell)) ?? 0;
            _grid.Add(cell, layer, now - _grid.Count(cell, layer));
        }
    }

    /// <summary>The pieces of a page range that fall in each cell of a grid, in order.</summary>
    private struct Segments
    {
        private readonly GridAggregate _grid;
        private readonly int _end;
        private int _first;
        private int _cell;

        public Segments(GridAggregate grid, int pfn, int count)
        {
            _grid = grid;
            _first = Math.Max(pfn, grid.StartPfn);
            _end = Math.Min(pfn + count, grid.StartPfn + grid.PageCount);
            _cell = _first < _end ? grid.CellOf(_first) : 0;
        }

        /// <summary>The next cell the range overlaps, its first page there and its pages there; false after the last.</summary>
        public bool Next(out int cell, out int first, out int pages)
        {
            while (_first < _end)
            {
                cell = _cell++;
                int cellEnd = Math.Min(_end, _grid.CellStart(cell + 1));
                if (cellEnd > _first)
                {
                    first = _first;
                    pages = cellEnd - _first;
                    _first = cellEnd;
                    return true;
                }
            }

            cell = first = pages = 0;
            return false;
        }
    }
}
