using Viz.Pipeline;

namespace Viz.App.Tui.Grid;

/// <summary>
/// The grid's window onto guest memory and its cursor: which pages are in view, how many pages a cell holds, which
/// cell is selected. Zooming keeps the selected page in view; zooming in stops at one page per cell. UI thread only.
/// </summary>
public sealed class GridNavigator
{
    /// <summary>Each zoom step divides or multiplies the pages in view by this.</summary>
    public const int ZoomFactor = 4;

    private GridLayout _layout = new(1, 1, true);
    private int _startPfn;
    private int _pageCount;
    private int _cursor;

    /// <summary>A navigator over a guest of <paramref name="totalPages"/> pages, showing all of it.</summary>
    public GridNavigator(int totalPages)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPages);
        TotalPages = totalPages;
        _pageCount = totalPages;
    }

    /// <summary>Pages in the guest.</summary>
    public int TotalPages { get; }

    /// <summary>The character layout.</summary>
    public GridLayout Layout => _layout;

    /// <summary>The pages and cells in view.</summary>
    public GridWindow Window => new(_startPfn, _pageCount, _layout.Cells);

    /// <summary>The selected cell.</summary>
    public int Cursor => _cursor;

    /// <summary>The selected cell's first page and page count.</summary>
    public (int StartPfn, int PageCount) Selection => (Window.CellStart(_cursor), Math.Max(1, Window.PagesIn(_cursor)));

    /// <summary>Whether a zoom in would show fewer pages.</summary>
    public bool CanZoomIn => _pageCount > Math.Min(_layout.Cells, TotalPages);

    /// <summary>Whether the whole guest is in view.</summary>
    public bool ShowsAll => _pageCount == TotalPages;

    /// <summary>Adopts a new character layout (a resize or a theme with another drawing mode), keeping the selected page.</summary>
    public void Resize(GridLayout layout)
    {
        int selected = Selection.StartPfn;
        _layout = layout;
        _pageCount = Math.Min(TotalPages, Math.Max(_pageCount, Math.Min(layout.Cells, TotalPages)));
        _startPfn = Math.Clamp(_startPfn, 0, TotalPages - _pageCount);
        Follow(selected);
    }

    /// <summary>Moves the cursor; moving past the top or bottom edge scrolls the window when zoomed in.</summary>
    public void Move(int columns, int cellRows)
    {
        int column = (_cursor % _layout.Columns) + columns;
        int row = (_cursor / _layout.Columns) + cellRows;
        column = Math.Clamp(column, 0, _layout.Columns - 1);
        if (row < 0 || row >= _layout.CellRows)
        {
            int rowPages = Window.CellStart(_layout.Columns) - _startPfn;
            _startPfn = Math.Clamp(_startPfn + (Math.Sign(row) * rowPages), 0, TotalPages - _pageCount);
            row = Math.Clamp(row, 0, _layout.CellRows - 1);
        }

        _cursor = _layout.CellAt(column, row);
    }

    /// <summary>Puts the cursor on <paramref name="cell"/>, if it is a cell of the grid.</summary>
    public void Select(int cell)
    {
        if (cell >= 0 && cell < _layout.Cells)
        {
            _cursor = cell;
        }
    }

    /// <summary>Shows a quarter of the pages, centred on the selection, down to one page per cell.</summary>
    public void ZoomIn()
    {
        int selected = Selection.StartPfn;
        _pageCount = Math.Max(Math.Min(_layout.Cells, TotalPages), _pageCount / ZoomFactor);
        _startPfn = Math.Clamp(selected - (_pageCount / 2), 0, TotalPages - _pageCount);
        Follow(selected);
    }

    /// <summary>Shows four times the pages, up to the whole guest.</summary>
    public void ZoomOut()
    {
        int selected = Selection.StartPfn;
        _pageCount = (int)Math.Min(TotalPages, (long)_pageCount * ZoomFactor);
        _startPfn = Math.Clamp(selected - (_pageCount / 2), 0, TotalPages - _pageCount);
        Follow(selected);
    }

    /// <summary>Shows the pages [<paramref name="startPfn"/>, +<paramref name="pages"/>) as nearly as the grid can (a scenario's zoom).</summary>
    public void Show(int startPfn, int pages)
    {
        _pageCount = Math.Clamp(pages, Math.Min(_layout.Cells, TotalPages), TotalPages);
        _startPfn = Math.Clamp(startPfn, 0, TotalPages - _pageCount);
        Follow(_startPfn);
    }

    /// <summary>Selects the cell of page <paramref name="pfn"/>, moving the window to it when it is not in view.</summary>
    public void SelectPage(int pfn)
    {
        pfn = Math.Clamp(pfn, 0, TotalPages - 1);
        if (Window.CellOf(pfn) < 0)
        {
            _startPfn = Math.Clamp(pfn - (_pageCount / 2), 0, TotalPages - _pageCount);
        }

        Follow(pfn);
    }

    private void Follow(int pfn)
    {
        int cell = Window.CellOf(pfn);
        _cursor = cell >= 0 ? cell : Math.Clamp(_cursor, 0, _layout.Cells - 1);
    }
}
