using System.Collections.Immutable;

namespace Viz.Pipeline;

/// <summary>
/// The last <see cref="Capacity"/> samples of a few whole-guest figures, one sample per <see cref="IntervalNs"/> of
/// simulated time, for sparklines. Written on the simulation's thread; read through immutable copies.
/// </summary>
public sealed class MetricHistory
{
    private readonly Queue<MetricSample> _samples = new();
    private long _nextSampleNs;

    /// <summary>Keeps <paramref name="capacity"/> samples taken every <paramref name="intervalNs"/>.</summary>
    public MetricHistory(int capacity, long intervalNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNs);
        Capacity = capacity;
        IntervalNs = intervalNs;
    }

    /// <summary>Samples kept.</summary>
    public int Capacity { get; }

    /// <summary>Simulated time between samples.</summary>
    public long IntervalNs { get; }

    /// <summary>Whether a sample is due at <paramref name="nowNs"/>.</summary>
    public bool IsDue(long nowNs) => nowNs >= _nextSampleNs;

    /// <summary>Records a sample and schedules the next one.</summary>
    public void Record(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _samples.Enqueue(sample);
        while (_samples.Count > Capacity)
        {
            _samples.Dequeue();
        }

        _nextSampleNs = (sample.TimeNs / IntervalNs * IntervalNs) + IntervalNs;
    }

    /// <summary>The samples kept, oldest first.</summary>
    public ImmutableArray<MetricSample> Snapshot() => [.. _samples];
}

/// <summary>Whole-guest figures at one moment, in pages.</summary>
/// <param name="TimeNs">Virtual time.</param>
/// <param name="HostRssPages">Pages the host backs.</param>
/// <param name="FreePages">Pages on the free lists.</param>
/// <param name="DirtyPages">Pages dirty in the running migration's bitmap (0 without one).</param>
public sealed record MetricSample(long TimeNs, long HostRssPages, long FreePages, long DirtyPages);
