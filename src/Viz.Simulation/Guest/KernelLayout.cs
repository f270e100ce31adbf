using Viz.Simulation.Memory;

namespace Viz.Simulation.Guest;

/// <summary>
/// Memory that boot reserves and never frees, as on x86-64: the first 1 MiB (x86/setup always reserves it since
/// Linux 5.13), the kernel image at CONFIG_PHYSICAL_START (16 MiB), and the memmap — one 64-byte struct page per
/// 4 KiB page — which memblock allocates top-down at the end of RAM.
/// </summary>
/// <param name="LowReserved">Pages reserved at address 0.</param>
/// <param name="ImageStart">First page of the kernel image.</param>
/// <param name="ImagePages">Pages of kernel text, data and bss.</param>
/// <param name="MemmapPages">Pages of struct page array at the top of memory.</param>
public sealed record KernelLayout(int LowReserved, int ImageStart, int ImagePages, int MemmapPages)
{
    private const int StructPageBytes = 64;
    private const long LowReservedBytes = 1L << 20;
    private const long PhysicalStartBytes = 16L << 20;
    private const long ImageBytes = 32L << 20;

    /// <summary>The layout for a guest of <paramref name="pageCount"/> pages; small guests get a proportionally small image.</summary>
    public static KernelLayout For(int pageCount)
    {
        long bytes = (long)pageCount * KernelConstants.PageSize;
        long imageBytes = Math.Min(ImageBytes, bytes / 8);
        long imageStart = Math.Min(PhysicalStartBytes, bytes / 8);
        long memmapBytes = (long)pageCount * StructPageBytes;
        return new KernelLayout(
            ToPages(LowReservedBytes),
            ToPages(imageStart),
            ToPages(imageBytes),
            ToPages(memmapBytes + KernelConstants.PageSize - 1));
    }

    /// <summary>Pages reserved in total.</summary>
    public int ReservedPages => LowReserved + ImagePages + MemmapPages;

    /// <summary>The page ranges [start, end) that boot keeps for the kernel, lowest first.</summary>
    public IEnumerable<(int Start, int End)> ReservedRanges(int pageCount)
    {
        yield return (0, LowReserved);
        yield return (ImageStart, ImageStart + ImagePages);
        yield return (pageCount - MemmapPages, pageCount);
    }

    /// <summary>The page ranges [start, end) that boot hands to the buddy allocator, lowest first.</summary>
    public IEnumerable<(int Start, int End)> FreeRanges(int pageCount)
    {
        int imageEnd = ImageStart + ImagePages;
        int memmapStart = pageCount - MemmapPages;
        if (ImageStart > LowReserved)
        {
            yield return (LowReserved, ImageStart);
        }

        if (memmapStart > imageEnd)
        {
            yield return (imageEnd, memmapStart);
        }
    }

    private static int ToPages(long bytes) => (int)(bytes / KernelConstants.PageSize);
}
