using System.Numerics;

namespace Viz.Simulation.Memory;

/// <summary>
/// One bit per guest page, with range operations that work a 64-bit word at a time.
/// Keeps the number of set bits, so a total never needs a scan.
/// </summary>
public sealed class PageBitmap
{
    private readonly ulong[] _words;
    private IBitmapObserver[] _observers = [];

    /// <summary>Creates a bitmap of <paramref name="length"/> bits, all clear.</summary>
    public PageBitmap(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _words = new ulong[(length + 63) / 64];
    }

    /// <summary>Number of bits.</summary>
    public int Length { get; }

    /// <summary>Number of set bits.</summary>
    public long SetCount { get; private set; }

    /// <summary>Managed bytes this bitmap holds.</summary>
    public long Bytes => _words.LongLength * sizeof(ulong);

    /// <summary>Whether bit <paramref name="index"/> is set.</summary>
    public bool Get(int index) => (_words[index >> 6] & (1UL << index)) != 0;

    /// <summary>Sets or clears one bit.</summary>
    public void Set(int index, bool value)
    {
        ref ulong word = ref _words[index >> 6];
        ulong bit = 1UL << index;
        bool was = (word & bit) != 0;
        if (value == was)
        {
            return;
        }

        word ^= bit;
        SetCount += value ? 1 : -1;
        Tell(index, bit, value);
    }

    /// <summary>Tells <paramref name="observer"/> of every change from now on.</summary>
    public void AddObserver(IBitmapObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers = [.. _observers, observer];
    }

    /// <summary>Stops telling <paramref name="observer"/>.</summary>
    public void RemoveObserver(IBitmapObserver observer) => _observers = [.. _observers.Where(o => o != observer)];

    /// <summary>Sets bits [start, start+count); returns how many were clear before.</summary>
    public int SetRange(int start, int count)
    {
        CheckRange(start, count);
        int changed = 0;
        for (int end = start + count; start < end;)
        {
            ulong mask = WordMask(start, end, out int next);
            ref ulong word = ref _words[start >> 6];
            ulong flipped = mask & ~word;
            changed += BitOperations.PopCount(flipped);
            word |= mask;
            Tell(start, flipped, set: true);
            start = next;
        }

        SetCount += changed;
        return changed;
    }

    /// <summary>Clears bits [start, start+count); returns how many were set before.</summary>
    public int ClearRange(int start, int count)
    {
        CheckRange(start, count);
        int changed = 0;
        for (int end = start + count; start < end;)
        {
            ulong mask = WordMask(start, end, out int next);
            ref ulong word = ref _words[start >> 6];
            ulong flipped = mask & word;
            changed += BitOperations.PopCount(flipped);
            word &= ~mask;
            Tell(start, flipped, set: false);
            start = next;
        }

        SetCount -= changed;
        return changed;
    }

    /// <summary>
    /// Clears, within [start, start+count), the bits that are set in <paramref name="mask"/> (a bitmap of the same
    /// length); returns how many of this bitmap's bits it cleared.
    /// </summary>
    public int ClearRangeWhere(PageBitmap mask, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(mask);
        CheckSameLength(mask);
        CheckRange(start, count);
        int changed = 0;
        for (int end = start + count; start < end;)
        {
            int index = start >> 6;
            ulong clear = WordMask(start, end, out int next) & mask._words[index];
            ref ulong word = ref _words[index];
            ulong flipped = clear & word;
            changed += BitOperations.PopCount(flipped);
            word &= ~clear;
            Tell(start, flipped, set: false);
            start = next;
        }

        SetCount -= changed;
        return changed;
    }

    /// <summary>Counts the bits set both here and in <paramref name="other"/> (a bitmap of the same length).</summary>
    public long CountBoth(PageBitmap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameLength(other);
        long count = 0;
        for (int i = 0; i < _words.Length; i++)
        {
            count += BitOperations.PopCount(_words[i] & other._words[i]);
        }

        return count;
    }

    /// <summary>Counts the set bits in [start, start+count).</summary>
    public int CountRange(int start, int count)
    {
        CheckRange(start, count);
        int total = 0;
        for (int end = start + count; start < end;)
        {
            ulong mask = WordMask(start, end, out int next);
            total += BitOperations.PopCount(_words[start >> 6] & mask);
            start = next;
        }

        return total;
    }

    /// <summary>Clears every bit.</summary>
    public void ClearAll()
    {
        Array.Clear(_words);
        SetCount = 0;
        TellReplaced();
    }

    /// <summary>Sets every bit.</summary>
    public void SetAll()
    {
        SetRange(0, Length);
    }

    /// <summary>Sets every bit that is set in <paramref name="other"/> (a bitmap of the same length).</summary>
    public void Or(PageBitmap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameLength(other);
        long count = 0;
        for (int i = 0; i < _words.Length; i++)
        {
            _words[i] |= other._words[i];
            count += BitOperations.PopCount(_words[i]);
        }

        SetCount = count;
        TellReplaced();
    }

    /// <summary>Makes this bitmap a copy of <paramref name="other"/> (a bitmap of the same length).</summary>
    public void CopyFrom(PageBitmap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckSameLength(other);
        other._words.CopyTo(_words, 0);
        SetCount = other.SetCount;
        TellReplaced();
    }

    /// <summary>
    /// The index of the first set bit at or after <paramref name="from"/>, or -1 when there is none.
    /// </summary>
    public int NextSet(int from)
    {
        if (from >= Length)
        {
            return -1;
        }

        int wordIndex = from >> 6;
        ulong word = _words[wordIndex] & (ulong.MaxValue << (from & 63));
        while (true)
        {
            if (word != 0)
            {
                int index = (wordIndex << 6) + BitOperations.TrailingZeroCount(word);
                return index < Length ? index : -1;
            }

            wordIndex++;
            if (wordIndex >= _words.Length)
            {
                return -1;
            }

            word = _words[wordIndex];
        }
    }

    /// <summary>The raw words, for hashing and copying.</summary>
    public ReadOnlySpan<ulong> Words => _words;

    private void Tell(int start, ulong flipped, bool set)
    {
        if (flipped == 0)
        {
            return;
        }

        foreach (IBitmapObserver observer in _observers)
        {
            observer.BitsChanged(this, start & ~63, flipped, set);
        }
    }

    private void TellReplaced()
    {
        foreach (IBitmapObserver observer in _observers)
        {
            observer.BitmapReplaced(this);
        }
    }

    private void CheckSameLength(PageBitmap other)
    {
        if (other.Length != Length)
        {
            throw new ArgumentException($"bitmaps of {Length} and {other.Length} bits", nameof(other));
        }
    }

    /// <summary>The mask of the bits of [start, end) in start's word; <paramref name="next"/> is where the next word begins.</summary>
    private static ulong WordMask(int start, int end, out int next)
    {
        int bit = start & 63;
        int take = Math.Min(64 - bit, end - start);
        next = start + take;
        return take == 64 ? ulong.MaxValue : ((1UL << take) - 1) << bit;
    }

    private void CheckRange(int start, int count)
    {
        if ((uint)start > (uint)Length || count < 0 || start + count > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"bits [{start}, {start + count}) outside 0..{Length}");
        }
    }
}
