
namespace Viz.Simulation.Memory;

/// <summary>
/// Who owns a guest page. Exactly one state per page; the attributes (reported, host backing, content)
/// are kept apart in <see cref="GuestMemory"/>.
/// </summary>
public enum PageState : byte
{
    /// <summary>In a buddy free list.</summary>
    Free = 0,

    /// <summary>In use by the guest (user memory, page cache, slab).</summary>
    Allocated = 1,

    /// <summary>Reserved at boot and never freed: firmware, kernel image, the memmap (struct page array).</summary>
    Kernel = 2,

    /// <summary>Isolated from its free list by free page reporting and waiting for the device (mm/page_reporting.c).</summary>
    Reporting = 3,

    /// <summary>Allocated by the virtio-balloon driver as a free page hint and held until the host says DONE.</summary>
    Hinted = 4,

    /// <summary>Inflated into the classic balloon.</summary>
    Ballooned = 5,
}

/// <summary>Helpers over <see cref="PageState"/>.</summary>
public static class PageStates
{
    /// <summary>Number of page states.</summary>
    public const int Count = 6;

    /// <summary>All states, in declaration order.</summary>
    public static IReadOnlyList<PageState> All { get; } =
        [PageState.Free, PageState.Allocated, PageState.Kernel, PageState.Reporting, PageState.Hinted, PageState.Ballooned];
}
