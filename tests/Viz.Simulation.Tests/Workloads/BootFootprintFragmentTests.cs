using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Workloads;

/// <summary>Boot-time fragmentation to a /proc/buddyinfo share: the buddy allocator's rules hold after it.</summary>
public class BootFootprintFragmentTests
{
    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void Free_4_MiB_blocks_are_split_until_their_share_is_at_most_the_target_and_within_one_block_of_it(double share)
    {
        var simulation = new GuestMachine(new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 512L << 20, MaxOrderFreeShare = share } });
        BuddyAllocator allocator = simulation.Kernel.Allocator;
        long inMaxOrder = (long)allocator.FreeBlocks(KernelConstants.MaxOrder) << KernelConstants.MaxOrder;

        Assert.True(inMaxOrder <= share * allocator.FreePages + 1);
        Assert.True(inMaxOrder + (1 << KernelConstants.MaxOrder) > share * allocator.FreePages);
    }

    /// <summary>Each split keeps one page, so the free pages drop by one a block and no two free buddies are left unmerged.</summary>
    [Fact]
    public void A_split_block_keeps_one_page_and_its_other_pages_stay_free_in_blocks_that_cannot_merge()
    {
        var plain = new GuestMachine(new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 256L << 20 } });
        var split = new GuestMachine(new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 256L << 20, MaxOrderFreeShare = 0.5 } });
        int splitBlocks = plain.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder) - split.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder);

        Assert.True(splitBlocks > 0);
        Assert.Equal(plain.Kernel.Allocator.FreePages - splitBlocks, split.Kernel.Allocator.FreePages);
        for (int order = 0; order < KernelConstants.MaxOrder; order++)
        {
            foreach (int pfn in split.Kernel.Allocator.ListBlocks(order))
            {
                Assert.NotEqual(order, split.Kernel.Allocator.FreeOrderAt(pfn ^ (1 << order)));
            }
        }
    }
}
