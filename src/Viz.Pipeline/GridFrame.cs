using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>The grid as the UI draws it: one <see cref="CellState"/> per cell of <see cref="Window"/>. Immutable.</summary>
/// <param name="Window">The pages and cells the states are for.</param>
/// <param name="States">One state per cell.</param>
public sealed record GridFrame(GridWindow Window, ImmutableArray<CellState> States)
{
    /// <summary>Classifies every cell of an aggregate filled for <paramref name="window"/>.</summary>
    public static GridFrame From(GridWindow window, GridAggregate grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var states = new CellState[window.Cells];
        // Cell c starts floor(c·pages/cells) pages in: step the quotient and carry the remainder instead of dividing.
        int step = grid.PageCount / grid.Cells;
        int remainder = grid.PageCount % grid.Cells;
        int carried = 0;
        for (int cell = 0; cell < states.Length; cell++)
        {
            carried += remainder;
            int pages = step;
            if (carried >= grid.Cells)
            {
                carried -= grid.Cells;
                pages++;
            }

            states[cell] = CellClassifier.Classify(pages, grid.CellCounts(cell));
        }

        return new GridFrame(window, ImmutableCollectionsMarshal.AsImmutableArray(states));
    }
}
