using Viz.Simulation.Guest;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Guest;

/// <summary>page_poison, init_on_free and init_on_alloc as mm/page_poison.c and mm/page_alloc.c apply them.</summary>
public class PoisoningTests
{
    [Fact]
    public void Without_poisoning_a_freed_page_keeps_its_data_and_the_next_allocation_sees_it()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Write(pfn, 1);
        PageContent written = kernel.Memory.ContentOf(pfn);
        kernel.Free(pfn, 0);
        Assert.Equal(written, kernel.Memory.ContentOf(pfn));
        Assert.Equal(pfn, kernel.Allocate(0, AllocMode.Normal, "test"));
        Assert.Equal(written, kernel.Memory.ContentOf(pfn));
        Assert.Null(kernel.PoisonValue);
    }

    [Fact]
    public void Page_poison_fills_freed_pages_with_0xaa_and_the_allocation_check_passes()
    {
        var guest = new GuestFactory(PoisonMode.PagePoison);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Write(pfn, 1);
        kernel.Free(pfn, 0);
        Assert.Equal(ContentKind.Poison, kernel.Memory.ContentOf(pfn).Kind);
        Assert.Equal(pfn, kernel.Allocate(0, AllocMode.Normal, "test"));
        Assert.Equal(0, kernel.PoisonErrorPages);
        Assert.DoesNotContain(guest.Events, e => e is PoisonCorruption);
        Assert.Equal(0xaaaaaaaau, kernel.PoisonValue);
    }

    [Fact]
    public void Check_poison_mem_reports_a_page_changed_while_free_exactly_once()
    {
        var guest = new GuestFactory(PoisonMode.PagePoison);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Free(pfn, 0);
        kernel.Memory.WriteData(pfn, 1);
        Assert.Equal(pfn, kernel.Allocate(0, AllocMode.Normal, "test"));
        PoisonCorruption corruption = Assert.Single(guest.Events.OfType<PoisonCorruption>());
        Assert.Equal(pfn, corruption.FirstPfn);
        Assert.Equal(1, corruption.BadPages);
        Assert.Equal(ContentKind.Data, corruption.Found);
        Assert.Equal(1, kernel.PoisonErrorPages);
        kernel.Free(pfn, 0);
        kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Single(guest.Events.OfType<PoisonCorruption>());
    }

    [Fact]
    public void The_poison_check_reads_and_does_not_write()
    {
        var guest = new GuestFactory(PoisonMode.PagePoison);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Free(pfn, 0);
        PageContent poisoned = kernel.Memory.ContentOf(pfn);
        kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Equal(poisoned, kernel.Memory.ContentOf(pfn));
    }

    [Fact]
    public void Boot_with_page_poison_poisons_every_free_page_so_the_host_backs_all_of_them()
    {
        var guest = new GuestFactory(PoisonMode.PagePoison);
        GuestMemory memory = guest.Kernel.Memory;
        Assert.Equal(guest.Kernel.Allocator.FreePages, memory.CountOf(PageState.Free));
        Assert.Equal(memory.CountOf(PageState.Free), guest.Kernel.Memory.Kinds.Count(ContentKind.Poison));
        Assert.Equal(memory.CountOf(PageState.Free) + memory.CountOf(PageState.Kernel), guest.Ram.Backed.SetCount);
    }

    [Fact]
    public void Boot_without_poisoning_backs_only_what_the_kernel_keeps()
    {
        var guest = new GuestFactory();
        GuestMemory memory = guest.Kernel.Memory;
        Assert.Equal(memory.CountOf(PageState.Kernel), guest.Ram.Backed.SetCount);
        Assert.Equal(memory.CountOf(PageState.Kernel), memory.Kinds.Count(ContentKind.Data));
    }

    [Fact]
    public void Init_on_free_zeroes_freed_pages_and_announces_poison_val_zero()
    {
        var guest = new GuestFactory(PoisonMode.InitOnFree);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Write(pfn, 1);
        kernel.Free(pfn, 0);
        Assert.Equal(ContentKind.Zero, kernel.Memory.ContentOf(pfn).Kind);
        Assert.Equal(0u, kernel.PoisonValue);
    }

    [Fact]
    public void Init_on_alloc_zeroes_allocated_pages()
    {
        var guest = new GuestFactory(initOnAlloc: true);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Write(pfn, 1);
        kernel.Free(pfn, 0);
        Assert.Equal(ContentKind.Data, kernel.Memory.ContentOf(pfn).Kind);
        kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Equal(ContentKind.Zero, kernel.Memory.ContentOf(pfn).Kind);
        Assert.True(kernel.InitOnAlloc);
    }

    [Fact]
    public void Post_alloc_hook_skips_init_on_alloc_when_init_on_free_already_zeroed_the_page()
    {
        var guest = new GuestFactory(PoisonMode.InitOnFree, initOnAlloc: true);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        kernel.Free(pfn, 0);
        PageContent zeroedOnFree = kernel.Memory.ContentOf(pfn);
        kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Equal(zeroedOnFree, kernel.Memory.ContentOf(pfn));
        Assert.False(kernel.InitOnAlloc);
    }

    [Fact]
    public void Page_poison_takes_precedence_over_init_on_alloc()
    {
        var guest = new GuestFactory(PoisonMode.PagePoison, initOnAlloc: true);
        GuestKernel kernel = guest.Kernel;
        int pfn = kernel.Allocate(0, AllocMode.Normal, "test");
        Assert.Equal(ContentKind.Poison, kernel.Memory.ContentOf(pfn).Kind);
        Assert.False(kernel.InitOnAlloc);
    }

    [Fact]
    public void Switching_page_poison_on_poisons_all_free_memory_so_no_check_fails_afterwards()
    {
        var guest = new GuestFactory();
        GuestKernel kernel = guest.Kernel;
        kernel.SetPoisoning(PoisonMode.PagePoison, initOnAlloc: false);
        Assert.Equal(kernel.Allocator.FreePages, kernel.Memory.Kinds.Count(ContentKind.Poison));
        for (int i = 0; i < 1000; i++)
        {
            kernel.Allocate(i % 4, AllocMode.Normal, "test");
        }

        Assert.Equal(0, kernel.PoisonErrorPages);
    }
}
