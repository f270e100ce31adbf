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
    private const long DaemonBytes = 256L << 20;
    private const long CacheBytes = 384L << 20;
    private const long InitramfsBytes = 256L << 20;

    /// <summary>Allocates the footprint in <paramref name="kernel"/>; the daemons' pages stay allocated for good.</summary>
    public static void Apply(GuestKernel kernel, SimRng rng)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(rng);
        long memory = kernel.Memory.Bytes;
        long daemons = Pages(Math.Min(DaemonBytes, memory / 25));
        long cache = Pages(Math.Min(CacheBytes, memory / 20));
        long initramfs = Pages(Math.Min(InitramfsBytes, memory / 25));
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
