using System.Numerics;
using Viz.Simulation.Memory;

namespace Viz.App.Cli;

/// <summary>
/// The floors the bench figures are compared with, measured in the same run on the same machine: one vectorised pass
/// over a 1-byte-per-page state array of a guest, and a popcount of its one-bit-per-page bitmap. Absolute times on a
/// shared machine drift from run to run; a figure's ratio to these does much less.
/// </summary>
public static class BenchBaseline
{
    /// <summary>Median milliseconds of one vectorised count over a byte per page of a guest of <paramref name="guestBytes"/>.</summary>
    public static double VectorPassMs(long guestBytes)
    {
        byte[] states = new byte[GuestMemory.PagesFor(guestBytes)];
        states.AsSpan().Fill((byte)PageState.Kernel); // touched, so the pass times memory, not page faults
        int sink = 0;
        double ms = BenchTiming.Median(9, () => BenchTiming.Time(() => sink += states.AsSpan().Count((byte)PageState.Allocated)));
        GC.KeepAlive(sink);
        return ms;
    }

    /// <summary>Median milliseconds of a popcount of a bit per page of a guest of <paramref name="guestBytes"/>.</summary>
    public static double PopcountMs(long guestBytes)
    {
        ulong[] words = new ulong[(GuestMemory.PagesFor(guestBytes) + 63) / 64];
        Array.Fill(words, 0x5555_5555_5555_5555UL);
        long sink = 0;
        double ms = BenchTiming.Median(9, () => BenchTiming.Time(() =>
        {
            long count = 0;
            foreach (ulong word in words)
            {
                count += BitOperations.PopCount(word);
            }

            sink += count;
        }));
        GC.KeepAlive(sink);
        return ms;
    }

    /// <summary><paramref name="figure"/> as a multiple of <paramref name="baseline"/>, rounded to four decimals.</summary>
    public static double Ratio(double figure, double baseline) => Math.Round(figure / baseline, 4);
}
