using System.Collections.Immutable;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;

namespace Viz.Pipeline;

/// <summary>What the details pane shows for the selected run of pages. Immutable.</summary>
/// <param name="StartPfn">First page selected.</param>
/// <param name="PageCount">Pages selected.</param>
/// <param name="Layers">Pages per <see cref="GridLayer"/> (indexed by the layer).</param>
/// <param name="FreeBlocksByOrder">Free buddy blocks that overlap the selection, per order 0..10.</param>
public sealed record SelectionDetails(int StartPfn, int PageCount, ImmutableArray<int> Layers, ImmutableArray<int> FreeBlocksByOrder)
{
    /// <summary>Pages of the selection in <paramref name="layer"/>.</summary>
    public int Count(GridLayer layer) => Layers[(int)layer];

    /// <summary>Reads the selection from the simulation (on the simulation's thread).</summary>
    public static SelectionDetails Read(GuestMachine simulation, int startPfn, int pageCount)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        GridAggregate one = simulation.Grid(1, startPfn, pageCount);
        var layers = new int[GridLayers.Count];
        for (int layer = 0; layer < layers.Length; layer++)
        {
            layers[layer] = one.Count(0, (GridLayer)layer);
        }

        return new SelectionDetails(startPfn, pageCount, [.. layers], [.. FreeBlockOrders(simulation.Kernel.Allocator, startPfn, pageCount)]);
    }

    /// <summary>
    /// Counts the free blocks that overlap pages [start, start+count): every block head inside the range, plus the
    /// blocks that begin before it and reach into it (found by aligning the first page down at each order).
    /// </summary>
    private static int[] FreeBlockOrders(BuddyAllocator allocator, int start, int count)
    {
        var orders = new int[KernelConstants.OrderCount];
        for (int order = 1; order <= KernelConstants.MaxOrder; order++)
        {
            int head = start & ~((1 << order) - 1);
            if (head < start && allocator.FreeOrderAt(head) == order)
            {
                orders[order]++;
            }
        }

        for (int pfn = start; pfn < start + count;)
        {
            int order = allocator.FreeOrderAt(pfn);
            if (order >= 0)
            {
                orders[order]++;
                pfn += 1 << order;
            }
            else
            {
                pfn++;
            }
        }

        return orders;
    }
}
