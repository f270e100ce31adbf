using Viz.Simulation.Memory;

namespace Viz.Simulation.Migration;

/// <summary>
/// The destination's copy of guest RAM as it receives it: each page's content, and whether the destination host
/// backs it (a zero page arriving for a page that is still zero is not populated, as QEMU's ram_handle_zero does).
/// </summary>
public sealed class DestinationMemory
{
    private readonly byte[] _kind;
    private readonly uint[] _version;

    /// <summary>A fresh destination of <paramref name="pageCount"/> pages: all zero, nothing backed.</summary>
    public DestinationMemory(int pageCount)
    {
        _kind = new byte[pageCount];
        _version = new uint[pageCount];
        Backed = new PageBitmap(pageCount);
    }

    /// <summary>Pages the destination host backs.</summary>
    public PageBitmap Backed { get; }

    /// <summary>Every page's content kind as received.</summary>
    public ReadOnlySpan<ContentKind> Kinds => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ContentKind>(_kind);

    /// <summary>Every page's version as received.</summary>
    public ReadOnlySpan<uint> Versions => _version;

    /// <summary>The content received for one page (zero if nothing was received).</summary>
    public PageContent ContentOf(int pfn) => new((ContentKind)_kind[pfn], _version[pfn]);

    /// <summary>Receives one page.</summary>
    public void Receive(int pfn, PageContent content)
    {
        if (content.Kind == ContentKind.Zero && !Backed.Get(pfn))
        {
            return;
        }

        _kind[pfn] = (byte)content.Kind;
        _version[pfn] = content.Version;
        Backed.Set(pfn, true);
    }
}
