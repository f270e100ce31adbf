using CsCheck;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Memory;

/// <summary>
/// Random sequences of allocator operations — allocations of every order, frees, isolation and putback as page
/// reporting does it, PG_reported marks, list rotations — with the invariants checked after every step against a
/// shadow model of who owns which page.
/// </summary>
public class BuddyAllocatorPropertyTests
{
    private enum OpKind
    {
        Allocate,
        AllocateSmall,
        Free,
        Isolate,
        Putback,
        MarkReported,
        Rotate,
    }

    private readonly record struct Op(OpKind Kind, int Order, int Pick);

    private static readonly Gen<Op> OpGen = Gen.Select(
        Gen.Int[0, 6], Gen.Int[0, KernelConstants.MaxOrder], Gen.Int[0, 1 << 30],
        (kind, order, pick) => new Op((OpKind)kind, order, pick));

    [Fact]
    public void Random_operation_sequences_keep_every_invariant()
    {
        OpGen.Array[1, 200].Sample(RunAndCheck, iter: 120);
    }

    private static void RunAndCheck(Op[] ops)
    {
        var memory = new GuestMemory(GuestMemory.MinBytes, new GuestRamBacking(GuestMemory.MinBytes));
        var allocator = new BuddyAllocator(memory);
        for (int pfn = 0; pfn < memory.PageCount; pfn += KernelConstants.MaxOrderPages)
        {
            allocator.Free(pfn, KernelConstants.MaxOrder, PageState.Kernel, FreePlacement.ToTail);
        }

        var owned = new bool[memory.PageCount];
        var allocated = new List<(int Pfn, int Order)>();
        var isolated = new List<(int Pfn, int Order)>();
        foreach (Op op in ops)
        {
            Apply(op, memory, allocator, owned, allocated, isolated);
            AllocatorInvariants.Check(memory, allocator);
            foreach ((int pfn, int order) in allocated)
            {
                Assert.Equal(1 << order, memory.States.Slice(pfn, 1 << order).Count(PageState.Allocated));
            }
        }
    }

    private static void Apply(Op op, GuestMemory memory, BuddyAllocator allocator, bool[] owned, List<(int, int)> allocated, List<(int, int)> isolated)
    {
        switch (op.Kind)
        {
            case OpKind.Allocate or OpKind.AllocateSmall:
            {
                int order = op.Kind == OpKind.AllocateSmall ? op.Order % 4 : op.Order;
                long freeBefore = allocator.FreePages;
                int pfn = allocator.Allocate(order);
                if (pfn < 0)
                {
                    for (int o = order; o < KernelConstants.OrderCount; o++)
                    {
                        Assert.Equal(0, allocator.FreeBlocks(o));
                    }

                    return;
                }

                Assert.Equal(freeBefore - (1 << order), allocator.FreePages);
                Claim(owned, pfn, order);
                allocated.Add((pfn, order));
                break;
            }

            case OpKind.Free when allocated.Count > 0:
            {
                (int pfn, int order) = TakeAt(allocated, op.Pick);
                Release(owned, pfn, order);
                allocator.Free(pfn, order);
                break;
            }

            case OpKind.Isolate:
            {
                int pfn = allocator.Head(op.Order);
                if (pfn >= 0)
                {
                    allocator.Isolate(pfn, op.Order, PageState.Reporting);
                    Claim(owned, pfn, op.Order);
                    isolated.Add((pfn, op.Order));
                    Assert.Equal(0, memory.Reported.CountRange(pfn, 1 << op.Order));
                }

                break;
            }

            case OpKind.Putback when isolated.Count > 0:
            {
                (int pfn, int order) = TakeAt(isolated, op.Pick);
                Release(owned, pfn, order);
                int merged = allocator.Free(pfn, order, PageState.Reporting, FreePlacement.ToTail);
                Assert.Equal(merged == order, allocator.MarkReported(pfn, order));
                break;
            }

            case OpKind.MarkReported:
            {
                int pfn = allocator.Tail(op.Order);
                if (pfn >= 0)
                {
                    Assert.True(allocator.MarkReported(pfn, op.Order));
                    Assert.True(allocator.IsReported(pfn));
                }

                break;
            }

            case OpKind.Rotate:
            {
                int pfn = allocator.Tail(op.Order);
                if (pfn >= 0)
                {
                    allocator.MoveToHead(pfn);
                    Assert.Equal(pfn, allocator.Head(op.Order));
                }

                break;
            }

            default:
                break;
        }
    }

    /// <summary>No double allocation: every page of a block handed out must have been free in the shadow model.</summary>
    private static void Claim(bool[] owned, int pfn, int order)
    {
        for (int page = pfn; page < pfn + (1 << order); page++)
        {
            Assert.False(owned[page], $"page {page} handed out twice");
            owned[page] = true;
        }
    }

    private static void Release(bool[] owned, int pfn, int order)
    {
        for (int page = pfn; page < pfn + (1 << order); page++)
        {
            owned[page] = false;
        }
    }

    private static (int, int) TakeAt(List<(int, int)> blocks, int pick)
    {
        int index = pick % blocks.Count;
        (int, int) block = blocks[index];
        blocks[index] = blocks[^1];
        blocks.RemoveAt(blocks.Count - 1);
        return block;
    }
}
