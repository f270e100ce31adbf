using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Memory;

/// <summary>The buddy allocator against the rules of mm/page_alloc.c.</summary>
public class BuddyAllocatorTests
{
    private const int MaxBlock = KernelConstants.MaxOrderPages;

    /// <summary>64 MiB: 16 max-order blocks, all freed to the tail in address order as memblock_free_all does.</summary>
    private static (GuestMemory Memory, BuddyAllocator Allocator) Booted()
    {
        var memory = new GuestMemory(GuestMemory.MinBytes, new GuestRamBacking(GuestMemory.MinBytes));
        var allocator = new BuddyAllocator(memory);
        for (int pfn = 0; pfn < memory.PageCount; pfn += MaxBlock)
        {
            allocator.Free(pfn, KernelConstants.MaxOrder, PageState.Kernel, FreePlacement.ToTail);
        }

        return (memory, allocator);
    }

    [Fact]
    public void Memory_starts_reserved_until_freed_to_the_allocator_like_memblock()
    {
        var memory = new GuestMemory(GuestMemory.MinBytes, new GuestRamBacking(GuestMemory.MinBytes));
        Assert.Equal(memory.PageCount, memory.CountOf(PageState.Kernel));
        (GuestMemory booted, BuddyAllocator allocator) = Booted();
        Assert.Equal(booted.PageCount, allocator.FreePages);
        Assert.Equal(16, allocator.FreeBlocks(KernelConstants.MaxOrder));
        Assert.Equal(new[] { 0, MaxBlock, 2 * MaxBlock }, allocator.ListBlocks(KernelConstants.MaxOrder).Take(3));
        AllocatorInvariants.Check(booted, allocator);
    }

    [Fact]
    public void Rmqueue_smallest_takes_the_head_and_expand_puts_each_upper_half_at_the_head_of_the_lower_list()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int pfn = allocator.Allocate(0);
        Assert.Equal(0, pfn);
        for (int order = 0; order < KernelConstants.MaxOrder; order++)
        {
            Assert.Equal(1, allocator.FreeBlocks(order));
            Assert.Equal(1 << order, allocator.Head(order));
        }

        Assert.Equal(15, allocator.FreeBlocks(KernelConstants.MaxOrder));
        Assert.Equal(PageState.Allocated, memory.StateOf(0));
        Assert.Equal(1, allocator.Allocate(0));
        Assert.Equal(2, allocator.Allocate(1));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Free_merges_with_free_buddies_up_to_max_order()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int a = allocator.Allocate(0);
        int b = allocator.Allocate(0);
        Assert.Equal(0, allocator.Free(a, 0));
        Assert.Equal(KernelConstants.MaxOrder, allocator.Free(b, 0));
        Assert.Equal(16, allocator.FreeBlocks(KernelConstants.MaxOrder));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Free_does_not_merge_a_buddy_that_is_allocated_or_of_another_order()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int a = allocator.Allocate(0);
        allocator.Allocate(0);
        Assert.Equal(0, allocator.Free(a, 0));
        Assert.Equal(0, allocator.FreeOrderAt(a));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Buddy_merge_likely_places_a_block_at_the_tail_when_its_parent_buddy_is_free()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int[] pages = [.. Enumerable.Range(0, 4).Select(_ => allocator.Allocate(0))];
        int other = allocator.Allocate(0);
        allocator.Free(pages[2], 0);
        allocator.Free(pages[3], 0);
        Assert.Equal(1, allocator.FreeOrderAt(pages[2]));
        allocator.Free(pages[0], 0);
        Assert.Equal(other + 1, allocator.Head(0));
        Assert.Equal(pages[0], allocator.Tail(0));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void A_block_whose_parent_buddy_is_not_free_goes_to_the_head()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int[] pages = [.. Enumerable.Range(0, 8).Select(_ => allocator.Allocate(0))];
        allocator.Free(pages[4], 0);
        Assert.Equal(pages[4], allocator.Head(0));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Fpi_to_tail_places_a_freed_block_at_the_tail()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int[] pages = [.. Enumerable.Range(0, 8).Select(_ => allocator.Allocate(0))];
        allocator.Free(pages[4], 0);
        allocator.Free(pages[6], 0, PageState.Allocated, FreePlacement.ToTail);
        Assert.Equal(pages[6], allocator.Tail(0));
        Assert.Equal(pages[4], allocator.Head(0));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Pg_reported_is_cleared_when_a_reported_block_is_allocated_and_split_remainders_are_not_reported()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int block = allocator.Head(KernelConstants.MaxOrder);
        Assert.True(allocator.MarkReported(block, KernelConstants.MaxOrder));
        Assert.Equal(MaxBlock, memory.Reported.SetCount);
        int pfn = allocator.Allocate(0);
        Assert.Equal(block, pfn);
        Assert.Equal(0, memory.Reported.SetCount);
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Pg_reported_is_cleared_when_a_reported_block_merges_as_the_buddy()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int pfn = allocator.Allocate(KernelConstants.PageblockOrder);
        int buddy = pfn ^ (1 << KernelConstants.PageblockOrder);
        Assert.True(allocator.MarkReported(buddy, KernelConstants.PageblockOrder));
        Assert.Equal(KernelConstants.MaxOrder, allocator.Free(pfn, KernelConstants.PageblockOrder));
        Assert.False(allocator.IsReported(pfn & ~(MaxBlock - 1)));
        Assert.Equal(0, memory.Reported.SetCount);
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Isolation_takes_a_block_off_its_list_clears_pg_reported_and_putback_returns_it()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int block = allocator.Tail(KernelConstants.MaxOrder);
        allocator.MarkReported(block, KernelConstants.MaxOrder);
        allocator.Isolate(block, KernelConstants.MaxOrder, PageState.Reporting);
        Assert.Equal(MaxBlock, memory.CountOf(PageState.Reporting));
        Assert.Equal(0, memory.Reported.SetCount);
        Assert.DoesNotContain(block, allocator.ListBlocks(KernelConstants.MaxOrder));
        allocator.Free(block, KernelConstants.MaxOrder, PageState.Reporting, FreePlacement.ToTail);
        Assert.True(allocator.MarkReported(block, KernelConstants.MaxOrder));
        Assert.Equal(block, allocator.Tail(KernelConstants.MaxOrder));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Mark_reported_does_nothing_when_the_block_merged_on_putback()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int pfn = allocator.Allocate(KernelConstants.PageblockOrder);
        int buddy = allocator.Allocate(KernelConstants.PageblockOrder);
        allocator.Free(buddy, KernelConstants.PageblockOrder);
        allocator.Isolate(buddy, KernelConstants.PageblockOrder, PageState.Reporting);
        allocator.Free(pfn, KernelConstants.PageblockOrder);
        allocator.Free(buddy, KernelConstants.PageblockOrder, PageState.Reporting, FreePlacement.ToTail);
        Assert.False(allocator.MarkReported(buddy, KernelConstants.PageblockOrder));
        Assert.Equal(0, memory.Reported.SetCount);
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Move_to_head_rotates_a_block_to_the_front_of_its_list()
    {
        (GuestMemory memory, BuddyAllocator allocator) = Booted();
        int last = allocator.Tail(KernelConstants.MaxOrder);
        allocator.MoveToHead(last);
        Assert.Equal(last, allocator.Head(KernelConstants.MaxOrder));
        AllocatorInvariants.Check(memory, allocator);
    }

    [Fact]
    public void Allocation_fails_when_no_block_is_large_enough()
    {
        (_, BuddyAllocator allocator) = Booted();
        for (int i = 0; i < 16; i++)
        {
            Assert.True(allocator.Allocate(KernelConstants.MaxOrder) >= 0);
        }

        Assert.Equal(-1, allocator.Allocate(0));
    }

    [Fact]
    public void Freeing_a_page_twice_is_refused()
    {
        (_, BuddyAllocator allocator) = Booted();
        int pfn = allocator.Allocate(0);
        allocator.Free(pfn, 0);
        Assert.Throws<InvalidOperationException>(() => allocator.Free(pfn, 0));
    }

    [Fact]
    public void A_misaligned_block_is_refused()
    {
        (_, BuddyAllocator allocator) = Booted();
        Assert.Throws<ArgumentOutOfRangeException>(() => allocator.Free(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => allocator.Allocate(KernelConstants.MaxOrder + 1));
    }
}
