using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Workloads;

/// <summary>
/// What a freshly booted distribution guest holds before any workload: the memory of its daemons (anonymous
/// pages and slab), a little page cache from the files boot read, and the holes left where the initramfs and
/// other boot-time buffers were freed again. The holes matter: they leave 4 MiB blocks partly used, which free
/// page hinting (4 MiB blocks only) cannot hint.
/// </summary>
public static class BootFootprint
{
    /// <summary>
    /// Allocates a footprint of <paramref name="footprintBytes"/> in <paramref name="kernel"/>: 40% daemons (they stay
    /// allocated for good), 60% page cache, and 40% as much again written and freed (initramfs).
    /// </summary>
    public static void Apply(GuestKernel kernel, long footprintBytes, SimRng rng)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(rng);
        long daemons = Pages(footprintBytes * 2 / 5);
        long cache = Pages(footprintBytes * 3 / 5);
        long initramfs = Pages(footprintBytes * 2 / 5);
        List<int> daemonPages = [];
        List<int> temporary = [];
        long total = daemons + cache + initramfs;
        for (long i = 0; i < total; i++)
        {
            // Boot interleaves the three: a page goes to each in proportion to what is still left of it.
            long roll = (long)(rng.NextDouble() * (daemons + cache + initramfs));
            if (roll < daemons)
            {
                daemons--;
                AllocateInto(kernel, daemonPages);
            }
            else if (roll < daemons + cache)
            {
                cache--;
                kernel.PageCache.ReadPage("boot");
            }
            else
            {
                initramfs--;
                AllocateInto(kernel, temporary);
            }
        }

        foreach (int pfn in temporary)
        {
            kernel.Free(pfn, 0);
        }

        kernel.TakeStallNs();
    }

    /// <summary>
    /// Splits free 4 MiB blocks, picked at random, until at most <paramref name="maxOrderShare"/> of the free memory is
    /// in them: each split keeps one page of its block — a long-lived kernel allocation, as slab and page tables
    /// scattered over a zone are — and gives the other 1023 back as one block of each smaller order, which cannot merge
    /// while that page is used. This is how a guest that has run for a while looks in /proc/buddyinfo.
    /// </summary>
    public static void Fragment(GuestKernel kernel, double maxOrderShare, SimRng rng)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(rng);
        const int order = Memory.KernelConstants.MaxOrder;
        List<int> blocks = [.. kernel.Allocator.ListBlocks(order)];
        long target = (long)(maxOrderShare * kernel.Allocator.FreePages);
        while (((long)blocks.Count << order) > target && blocks.Count > 0)
        {
            int picked = rng.NextInt(blocks.Count);
            int block = blocks[picked];
            blocks[picked] = blocks[^1];
            blocks.RemoveAt(blocks.Count - 1);
            kernel.Allocator.Isolate(block, order, PageState.Kernel);
            int kept = block + rng.NextInt(1 << order);
            for (int k = order - 1; k >= 0; k--)
            {
                int buddy = (kept & ~((1 << k) - 1)) ^ (1 << k);
                kernel.Free(buddy, k, PageState.Kernel);
            }

            kernel.Write(kept, 1);
        }

        kernel.TakeStallNs();
    }

    private static void AllocateInto(GuestKernel kernel, List<int> pages)
    {
        int pfn = kernel.Allocate(0, AllocMode.Normal, "boot");
        if (pfn >= 0)
        {
            kernel.Write(pfn, 1);
            pages.Add(pfn);
        }
    }

    private static long Pages(long bytes) => bytes / Memory.KernelConstants.PageSize;
}
