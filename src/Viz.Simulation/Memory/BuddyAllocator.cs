using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Viz.Simulation.Memory;

/// <summary>
/// Linux's buddy allocator for one zone and one migratetype: free lists per order 0..10 with the kernel's
/// head/tail placement, split on allocation and merge with the buddy on free (mm/page_alloc.c). Block
/// flags (free-block order, PG_reported) live on the block's pages as in the kernel.
/// </summary>
public sealed class BuddyAllocator
{
    private const byte NotAFreeHead = 0xff;
    private const int None = -1;

    private readonly GuestMemory _memory;
    private readonly byte[] _freeOrder;
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly int[] _head = new int[KernelConstants.OrderCount];
    private readonly int[] _tail = new int[KernelConstants.OrderCount];
    private readonly int[] _blocks = new int[KernelConstants.OrderCount];

    /// <summary>Creates an allocator over <paramref name="memory"/> with empty free lists.</summary>
    /// <remarks>Every page starts as not on any list; memory enters the allocator through <see cref="Free"/>.</remarks>
    public BuddyAllocator(GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _freeOrder = new byte[memory.PageCount];
        _freeOrder.AsSpan().Fill(NotAFreeHead);
        _next = new int[memory.PageCount];
        _prev = new int[memory.PageCount];
        Array.Fill(_head, None);
        Array.Fill(_tail, None);
    }

    /// <summary>Pages on the free lists.</summary>
    public long FreePages { get; private set; }

    /// <summary>Number of free blocks of <paramref name="order"/> (free_area[order].nr_free).</summary>
    public int FreeBlocks(int order) => _blocks[order];

    /// <summary>The first block on the free list of <paramref name="order"/>, or -1 when it is empty.</summary>
    public int Head(int order) => _head[order];

    /// <summary>The last block on the free list of <paramref name="order"/>, or -1.</summary>
    public int Tail(int order) => _tail[order];

    /// <summary>The block after free block <paramref name="pfn"/> on its list, or -1.</summary>
    public int Next(int pfn) => _next[pfn];

    /// <summary>The order of the free block that starts at <paramref name="pfn"/>, or -1 if no free block starts there.</summary>
    public int FreeOrderAt(int pfn) => _freeOrder[pfn] == NotAFreeHead ? -1 : _freeOrder[pfn];

    /// <summary>
    /// Allocates a block of <paramref name="order"/> as <c>__rmqueue_smallest</c> does: the head of the smallest
    /// non-empty list of that order or above; a larger block is split and each upper half goes to the head of the
    /// next lower list (<c>expand</c>). The pages go to <paramref name="owner"/>. Returns the block's first page,
    /// or -1 when no block is large enough. Watermarks are the caller's business.
    /// </summary>
    public int Allocate(int order, PageState owner = PageState.Allocated)
    {
        CheckOrder(order);
        for (int current = order; current <= KernelConstants.MaxOrder; current++)
        {
            int pfn = _head[current];
            if (pfn == None)
            {
                continue;
            }

            RemoveFromList(pfn, current);
            while (current > order)
            {
                current--;
                AddToList(pfn + (1 << current), current, atTail: false);
            }

            _memory.ChangeState(pfn, 1 << order, PageState.Free, owner);
            return pfn;
        }

        return None;
    }

    /// <summary>
    /// Frees the block [pfn, pfn + 2^order) whose pages are all <paramref name="from"/>, merging it with free
    /// buddies as <c>__free_one_page</c> does, and places it at the head or tail of its list. Returns the merged
    /// block's order (its first page is <c>pfn &amp; ~(2^order - 1)</c>).
    /// </summary>
    public int Free(int pfn, int order, PageState from = PageState.Allocated, FreePlacement placement = FreePlacement.Default)
    {
        CheckBlock(pfn, order);
        _memory.ChangeState(pfn, 1 << order, from, PageState.Free);
        int buddy = None;
        while (order < KernelConstants.MaxOrder)
        {
            buddy = pfn ^ (1 << order);
            if (!IsFreeBlock(buddy, order))
            {
                break;
            }

            RemoveFromList(buddy, order);
            pfn &= buddy;
            order++;
        }

        bool toTail = placement == FreePlacement.ToTail || (buddy != None && BuddyMergeLikely(pfn, buddy, order));
        AddToList(pfn, order, toTail);
        return order;
    }

    /// <summary>
    /// Takes the free block at <paramref name="pfn"/> of <paramref name="order"/> off its list into
    /// <paramref name="owner"/> (<c>__isolate_free_page</c> without the watermark check, which is the caller's).
    /// Clears PG_reported, as every removal from a free list does.
    /// </summary>
    public void Isolate(int pfn, int order, PageState owner)
    {
        if (FreeOrderAt(pfn) != order)
        {
            throw new InvalidOperationException($"no free block of order {order} at page {pfn}");
        }

        RemoveFromList(pfn, order);
        _memory.ChangeState(pfn, 1 << order, PageState.Free, owner);
    }

    /// <summary>Moves free block <paramref name="pfn"/> to the head of its list (<c>list_rotate_to_front</c>).</summary>
    public void MoveToHead(int pfn)
    {
        int order = FreeOrderAt(pfn);
        if (order < 0)
        {
            throw new InvalidOperationException($"page {pfn} does not start a free block");
        }

        if (_head[order] == pfn)
        {
            return;
        }

        Unlink(pfn, order);
        LinkAtHead(pfn, order);
    }

    /// <summary>
    /// Sets PG_reported on the free block at <paramref name="pfn"/> if it is still a free block of
    /// <paramref name="order"/> (it did not merge on putback; mm/page_reporting.c page_reporting_drain).
    /// Returns whether it was set.
    /// </summary>
    public bool MarkReported(int pfn, int order)
    {
        if (FreeOrderAt(pfn) != order)
        {
            return false;
        }

        _memory.Reported.SetRange(pfn, 1 << order);
        return true;
    }

    /// <summary>Whether free block <paramref name="pfn"/> carries PG_reported.</summary>
    public bool IsReported(int pfn) => FreeOrderAt(pfn) >= 0 && _memory.Reported.Get(pfn);

    /// <summary>Enumerates the free blocks of <paramref name="order"/> from head to tail.</summary>
    public IEnumerable<int> ListBlocks(int order)
    {
        for (int pfn = _head[order]; pfn != None; pfn = _next[pfn])
        {
            yield return pfn;
        }
    }

    /// <summary>Adds the allocator's state, free list order included, to a running hash.</summary>
    public void AppendTo(XxHash64 hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        hash.Append(_freeOrder);
        hash.Append(MemoryMarshal.AsBytes(_head.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(_tail.AsSpan()));
        for (int order = 0; order < KernelConstants.OrderCount; order++)
        {
            foreach (int pfn in ListBlocks(order))
            {
                hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in pfn)));
            }
        }
    }

    /// <summary>
    /// buddy_merge_likely(): a block below order 9 whose buddy at the next order is free will probably merge
    /// soon, so it goes to the tail to stay free longer.
    /// </summary>
    private bool BuddyMergeLikely(int pfn, int buddy, int order)
    {
        if (order >= KernelConstants.MaxOrder - 1)
        {
            return false;
        }

        int higher = buddy & pfn;
        int higherBuddy = higher ^ (1 << (order + 1));
        return IsFreeBlock(higherBuddy, order + 1);
    }

    private bool IsFreeBlock(int pfn, int order) =>
        (uint)pfn < (uint)_freeOrder.Length && _freeOrder[pfn] == order;

    private void AddToList(int pfn, int order, bool atTail)
    {
        _freeOrder[pfn] = (byte)order;
        _blocks[order]++;
        FreePages += 1 << order;
        if (atTail)
        {
            LinkAtTail(pfn, order);
        }
        else
        {
            LinkAtHead(pfn, order);
        }
    }

    private void RemoveFromList(int pfn, int order)
    {
        Unlink(pfn, order);
        _freeOrder[pfn] = NotAFreeHead;
        _blocks[order]--;
        FreePages -= 1 << order;
        _memory.Reported.ClearRange(pfn, 1 << order);
    }

    private void LinkAtHead(int pfn, int order)
    {
        _prev[pfn] = None;
        _next[pfn] = _head[order];
        if (_head[order] != None)
        {
            _prev[_head[order]] = pfn;
        }
        else
        {
            _tail[order] = pfn;
        }

        _head[order] = pfn;
    }

    private void LinkAtTail(int pfn, int order)
    {
        _next[pfn] = None;
        _prev[pfn] = _tail[order];
        if (_tail[order] != None)
        {
            _next[_tail[order]] = pfn;
        }
        else
        {
            _head[order] = pfn;
        }

        _tail[order] = pfn;
    }

    private void Unlink(int pfn, int order)
    {
        int prev = _prev[pfn];
        int next = _next[pfn];
        if (prev != None)
        {
            _next[prev] = next;
        }
        else
        {
            _head[order] = next;
        }

        if (next != None)
        {
            _prev[next] = prev;
        }
        else
        {
            _tail[order] = prev;
        }
    }

    private void CheckBlock(int pfn, int order)
    {
        CheckOrder(order);
        if (pfn < 0 || (pfn & ((1 << order) - 1)) != 0 || pfn + (1 << order) > _freeOrder.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pfn), $"page {pfn} does not start an order-{order} block inside the guest");
        }
    }

    private static void CheckOrder(int order)
    {
        if ((uint)order > KernelConstants.MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), $"order {order} is outside 0..{KernelConstants.MaxOrder}");
        }
    }
}
