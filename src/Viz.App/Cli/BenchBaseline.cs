using Viz.Simulation.Memory;

namespace Viz.App.Cli;

/// <summary>
/// The floor the bench figures are compared with, measured in the same run on the same machine: one vectorised pass
/// over a 1-byte-per-page state array of a guest. Absolute times on a shared machine drift from run to run; a figure's
/// ratio to it does much less.
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

    /// <summary><paramref name="figure"/> as a multiple of <paramref name="baseline"/>, rounded to four decimals.</summary>
    public static double Ratio(double figure, double baseline) => Math.Round(figure / baseline, 4);
}
