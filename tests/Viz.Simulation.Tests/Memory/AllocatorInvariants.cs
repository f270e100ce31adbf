using System.Runtime.InteropServices;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Memory;

/// <summary>
/// Checks the buddy allocator's invariants against the page arrays: every page in exactly one state with the
/// per-state counters right, the free lists holding exactly the free pages, no two free buddies left unmerged,
/// PG_reported only on whole free blocks.
/// </summary>
internal static class AllocatorInvariants
{
    public static void Check(GuestMemory memory, BuddyAllocator allocator)
    {
        ReadOnlySpan<byte> states = MemoryMarshal.AsBytes(memory.States);
        Assert.False(states.ContainsAnyExceptInRange((byte)0, (byte)(PageStates.Count - 1)), "a page has no valid state");
        foreach (PageState state in PageStates.All)
        {
            Assert.Equal(states.Count((byte)state), memory.CountOf(state));
        }

        // Every listed page is Free and listed once; as many pages are listed as are Free, so every Free page is listed.
        long listed = 0;
        long reportedOnLists = 0;
        var seen = new HashSet<int>();
        for (int order = 0; order < KernelConstants.OrderCount; order++)
        {
            int blocks = 0;
            foreach (int pfn in allocator.ListBlocks(order))
            {
                blocks++;
                int size = 1 << order;
                Assert.True((pfn & (size - 1)) == 0, $"free block {pfn} is not aligned to order {order}");
                Assert.True(seen.Add(pfn), $"free block {pfn} is listed twice");
                Assert.Equal(order, allocator.FreeOrderAt(pfn));
                Assert.False(states.Slice(pfn, size).ContainsAnyExcept((byte)PageState.Free), $"free block {pfn} holds a page that is not Free");
                int reported = memory.Reported.CountRange(pfn, size);
                Assert.True(reported == 0 || reported == size, $"PG_reported covers part of free block {pfn}");
                reportedOnLists += reported;
                listed += size;
                int buddy = pfn ^ size;
                if (order < KernelConstants.MaxOrder && buddy + size <= memory.PageCount)
                {
                    Assert.True(allocator.FreeOrderAt(buddy) != order, $"free buddies {pfn} and {buddy} of order {order} were not merged");
                }
            }

            Assert.Equal(blocks, allocator.FreeBlocks(order));
        }

        Assert.Equal(memory.CountOf(PageState.Free), listed);
        Assert.Equal(listed, allocator.FreePages);
        Assert.Equal(memory.Reported.SetCount, reportedOnLists);
    }
}
