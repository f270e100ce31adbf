
namespace Viz.Simulation.Memory;

/// <summary>A buddy block: first page and order.</summary>
/// <param name="Pfn">First page.</param>
/// <param name="Order">Order.</param>
public readonly record struct FreeBlock(int Pfn, int Order)
{
    /// <summary>Pages in the block.</summary>
    public int Pages => 1 << Order;
}
