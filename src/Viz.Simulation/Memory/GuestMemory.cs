using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Viz.Simulation.Memory;

/// <summary>
/// The guest's physical memory, page by page, as flat arrays (struct of arrays) and bitmaps:
/// no object per page. Holds each page's owner state, its content (kind and version) and the guest's PG_reported
/// mark. What the host and KVM keep about the same pages (backing, discard, swap, the dirty log) lives with the host,
/// which sees every write through an <see cref="IGuestWriteTracker"/>.
/// </summary>
public sealed class GuestMemory
{
    /// <summary>Smallest guest the simulator accepts: 64 MiB.</summary>
    public const long MinBytes = 64L << 20;

    /// <summary>Largest guest the simulator accepts: 1 TiB.</summary>
    public const long MaxBytes = 1L << 40;

    private readonly byte[] _state;
    private readonly byte[] _kind;
    private readonly uint[] _version;
    private readonly long[] _stateCounts = new long[PageStates.Count];
    private readonly IGuestWriteTracker _writes;
    private IPageObserver[] _observers = [];

    /// <summary>
    /// Creates <paramref name="bytes"/> of guest memory. Every page starts zero, unbacked and reserved
    /// (<see cref="PageState.Kernel"/>), as memblock holds all memory until the kernel hands it to the buddy allocator.
    /// Every write is reported to <paramref name="writes"/>.
    /// </summary>
    public GuestMemory(long bytes, IGuestWriteTracker writes)
    {
        PageCount = PagesFor(bytes);
        _writes = writes ?? throw new ArgumentNullException(nameof(writes));
        _state = new byte[PageCount];
        _kind = new byte[PageCount];
        _version = new uint[PageCount];
        Reported = new PageBitmap(PageCount);
        _state.AsSpan().Fill((byte)PageState.Kernel);
        _stateCounts[(int)PageState.Kernel] = PageCount;
    }

    /// <summary>The number of 4 KiB pages in <paramref name="bytes"/> of guest memory, which must be a valid guest size.</summary>
    public static int PagesFor(long bytes)
    {
        if (bytes < MinBytes || bytes > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), $"guest memory must be between 64 MiB and 1 TiB, not {bytes} bytes");
        }

        if (bytes % KernelConstants.PageSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), $"guest memory must be a whole number of 4 KiB pages, not {bytes} bytes");
        }

        return checked((int)(bytes / KernelConstants.PageSize));
    }

    /// <summary>Number of 4 KiB pages.</summary>
    public int PageCount { get; }

    /// <summary>Size in bytes.</summary>
    public long Bytes => (long)PageCount * KernelConstants.PageSize;

    /// <summary>PG_reported: set on the pages of a free block the host was told about (mm/page_reporting.c).</summary>
    public PageBitmap Reported { get; }

    /// <summary>Every page's owner state.</summary>
    public ReadOnlySpan<PageState> States => MemoryMarshal.Cast<byte, PageState>(_state);

    /// <summary>Every page's content kind.</summary>
    public ReadOnlySpan<ContentKind> Kinds => MemoryMarshal.Cast<byte, ContentKind>(_kind);

    /// <summary>Every page's content version (meaningful for <see cref="ContentKind.Data"/>).</summary>
    public ReadOnlySpan<uint> Versions => _version;

    /// <summary>The owner state of one page.</summary>
    public PageState StateOf(int pfn) => (PageState)_state[pfn];

    /// <summary>The content of one page.</summary>
    public PageContent ContentOf(int pfn) => new((ContentKind)_kind[pfn], _version[pfn]);

    /// <summary>Pages currently in <paramref name="state"/>.</summary>
    public long CountOf(PageState state) => _stateCounts[(int)state];

    /// <summary>
    /// Moves pages [pfn, pfn+count) from <paramref name="from"/> to <paramref name="to"/>. Every page must be in
    /// <paramref name="from"/>; the simulator treats anything else as a bug in the model.
    /// </summary>
    public void ChangeState(int pfn, int count, PageState from, PageState to)
    {
        Span<byte> range = _state.AsSpan(pfn, count);
        if (range.ContainsAnyExcept((byte)from))
        {
            int bad = pfn + range.IndexOfAnyExcept((byte)from);
            throw new InvalidOperationException($"page {bad} is {StateOf(bad)}, expected {from} (moving [{pfn}, {pfn + count}) to {to})");
        }

        range.Fill((byte)to);
        _stateCounts[(int)from] -= count;
        _stateCounts[(int)to] += count;
        foreach (IPageObserver observer in _observers)
        {
            observer.StatesChanged(pfn, count, from, to);
        }
    }

    /// <summary>Tells <paramref name="observer"/> of every state and content-kind change from now on.</summary>
    public void AddObserver(IPageObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers = [.. _observers, observer];
    }

    /// <summary>Stops telling <paramref name="observer"/>.</summary>
    public void RemoveObserver(IPageObserver observer) => _observers = [.. _observers.Where(o => o != observer)];

    /// <summary>
    /// The guest writes data into pages [pfn, pfn+count): each page gets a new version. Returns the faults the writes
    /// took: host faults on unbacked pages, and dirty-logging faults on pages written for the first time since the log
    /// was last collected.
    /// </summary>
    public WriteFaults WriteData(int pfn, int count)
    {
        WriteFaults faults = Touch(pfn, count);
        SetKinds(pfn, count, ContentKind.Data);
        Span<uint> versions = _version.AsSpan(pfn, count);
        for (int i = 0; i < versions.Length; i++)
        {
            versions[i]++;
        }

        return faults;
    }

    /// <summary>
    /// The guest fills pages [pfn, pfn+count) with zeroes or with the poison pattern. It is a write: unbacked pages
    /// fault in and the write is logged. Returns the faults it took.
    /// </summary>
    public WriteFaults Fill(int pfn, int count, ContentKind kind)
    {
        if (kind == ContentKind.Data)
        {
            throw new ArgumentException("use WriteData for data", nameof(kind));
        }

        WriteFaults faults = Touch(pfn, count);
        SetKinds(pfn, count, kind);
        Span<uint> versions = _version.AsSpan(pfn, count);
        for (int i = 0; i < versions.Length; i++)
        {
            versions[i]++;
        }

        return faults;
    }

    /// <summary>
    /// Sets every page's content without a guest write: the guest now runs on a migration destination and its pages
    /// hold what the destination received.
    /// </summary>
    public void ReplaceContents(ReadOnlySpan<ContentKind> kinds, ReadOnlySpan<uint> versions)
    {
        if (kinds.Length != PageCount || versions.Length != PageCount)
        {
            throw new ArgumentException($"contents for {kinds.Length} pages, the guest has {PageCount}", nameof(kinds));
        }

        TellKinds(0, PageCount, changed: false);
        MemoryMarshal.AsBytes(kinds).CopyTo(_kind);
        TellKinds(0, PageCount, changed: true);
        versions.CopyTo(_version);
    }

    /// <summary>Counts the pages in [pfn, pfn+count) whose content is not <paramref name="kind"/>.</summary>
    public int CountContentOtherThan(int pfn, int count, ContentKind kind)
    {
        ReadOnlySpan<byte> range = _kind.AsSpan(pfn, count);
        return range.Length - range.Count((byte)kind);
    }

    /// <summary>The first page in [pfn, pfn+count) whose content is not <paramref name="kind"/>, or -1.</summary>
    public int FirstContentOtherThan(int pfn, int count, ContentKind kind)
    {
        int index = _kind.AsSpan(pfn, count).IndexOfAnyExcept((byte)kind);
        return index < 0 ? -1 : pfn + index;
    }

    /// <summary>Adds this memory's state to a running hash (for determinism checks).</summary>
    public void AppendTo(XxHash64 hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        hash.Append(_state);
        hash.Append(_kind);
        hash.Append(MemoryMarshal.AsBytes(_version.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(Reported.Words));
    }

    /// <summary>
    /// The host dropped the backing of pages [pfn, pfn+count): the next guest access faults in a zero-filled page, so
    /// their content is zero from now on. Not a guest write.
    /// </summary>
    public void ZeroDiscarded(int pfn, int count) => SetKinds(pfn, count, ContentKind.Zero);

    private WriteFaults Touch(int pfn, int count) => _writes.OnGuestWrite(pfn, count);

    private void SetKinds(int pfn, int count, ContentKind kind)
    {
        TellKinds(pfn, count, changed: false);
        _kind.AsSpan(pfn, count).Fill((byte)kind);
        TellKinds(pfn, count, changed: true);
    }

    private void TellKinds(int pfn, int count, bool changed)
    {
        foreach (IPageObserver observer in _observers)
        {
            if (changed)
            {
                observer.KindsChanged(pfn, count);
            }
            else
            {
                observer.KindsChanging(pfn, count);
            }
        }
    }
}

/// <summary>What a guest write cost on the host.</summary>
/// <param name="Host">Pages that were not backed and faulted in.</param>
/// <param name="DirtyLog">Pages whose first write since the last log collection hit KVM's write protection.</param>
public readonly record struct WriteFaults(int Host, int DirtyLog);

/// <summary>The content of one page: its kind, and for data the version that identifies it.</summary>
/// <param name="Kind">What the bytes hold.</param>
/// <param name="Version">Write counter of the page.</param>
public readonly record struct PageContent(ContentKind Kind, uint Version)
{
    /// <summary>Whether two pages hold the same bytes: equal kinds, and for data equal versions.</summary>
    public bool SameBytesAs(PageContent other) =>
        Kind == other.Kind && (Kind != ContentKind.Data || Version == other.Version);
}
