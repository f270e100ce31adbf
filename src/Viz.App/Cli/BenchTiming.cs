using System.Diagnostics;

namespace Viz.App.Cli;

/// <summary>Wall-clock timing for the bench commands: one warm-up run, then the median of several.</summary>
public static class BenchTiming
{
    /// <summary>Milliseconds <paramref name="action"/> took.</summary>
    public static double Time(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Runs <paramref name="measure"/> once to warm up, then <paramref name="runs"/> times; returns the median.</summary>
    public static double Median(int runs, Func<double> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        measure();
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            values[i] = measure();
        }

        Array.Sort(values);
        return values[runs / 2];
    }
}
