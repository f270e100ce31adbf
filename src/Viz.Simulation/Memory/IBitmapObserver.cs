namespace Viz.Simulation.Memory;

/// <summary>Told of every change to a <see cref="PageBitmap"/>'s bits, a 64-bit word at a time.</summary>
public interface IBitmapObserver
{
    /// <summary>
    /// In the word of <paramref name="bitmap"/> whose first bit is <paramref name="wordStart"/>, the bits of
    /// <paramref name="changed"/> were set (<paramref name="nowSet"/>) or cleared; each of them was the other way before.
    /// </summary>
    void BitsChanged(PageBitmap bitmap, int wordStart, ulong changed, bool nowSet);

    /// <summary>Any number of <paramref name="bitmap"/>'s bits changed at once (a clear, fill, copy or merge).</summary>
    void BitmapReplaced(PageBitmap bitmap);
}
