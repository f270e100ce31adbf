namespace Viz.Pipeline;

/// <summary>Which pages the grid shows and in how many cells: pages [StartPfn, StartPfn+PageCount) over Cells cells.</summary>
/// <param name="StartPfn">First page shown.</param>
/// <param name="PageCount">Pages shown.</param>
/// <param name="Cells">Cells they are spread over (cell i holds pages from <see cref="CellStart"/>(i) up to (i+1)).</param>
public readonly record struct GridWindow(int StartPfn, int PageCount, int Cells)
{
    /// <summary>The first page of <paramref name="cell"/>, by the same rule as the core's grid aggregate.</summary>
    public int CellStart(int cell) => StartPfn + (int)((long)cell * PageCount / Cells);

    /// <summary>Pages in <paramref name="cell"/> (zero when there are more cells than pages).</summary>
    public int PagesIn(int cell) => CellStart(cell + 1) - CellStart(cell);

    /// <summary>The cell that holds page <paramref name="pfn"/>, or -1 when the page is outside the window.</summary>
    public int CellOf(int pfn)
    {
        if (pfn < StartPfn || pfn >= StartPfn + PageCount)
        {
            return -1;
        }

        int cell = (int)(((long)(pfn - StartPfn) * Cells) / PageCount);
        while (cell > 0 && CellStart(cell) > pfn)
        {
            cell--;
        }

        while (cell < Cells - 1 && CellStart(cell + 1) <= pfn)
        {
            cell++;
        }

        return cell;
    }
}
