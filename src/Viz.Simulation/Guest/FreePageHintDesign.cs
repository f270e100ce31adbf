
namespace Viz.Simulation.Guest;

/// <summary>Which free page hinting the guest kernel's virtio-balloon driver carries.</summary>
public enum FreePageHintDesign
{
    /// <summary>
    /// Upstream Linux (4.20+): the driver allocates 4 MiB blocks and holds them, out of the allocator, until the host
    /// says DONE (drivers/virtio/virtio_balloon.c get_free_page_and_send).
    /// </summary>
    Upstream,

    /// <summary>
    /// The seed's v28 series (Wei Wang, Feb 2018): walk_free_mem_block hints every free block of every order, largest
    /// first, and the blocks stay on the free lists. Unsafe with a poisoning guest: a hinted free page is never sent, so
    /// the destination holds zeroes where the guest expects 0xaa (why v24 added PAGE_POISON).
    /// </summary>
    V28,
}
