using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// A one-line progress bar on stderr for a headless run, shown only when stderr is a terminal and only once the run
/// has taken a second (a quick run prints nothing). Updates may come from several threads.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly bool _enabled;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _lock = new();
    private long _lastDrawn;
    private int _drawnLength;

    /// <summary>A bar on <paramref name="error"/>, drawn only when it is the process's stderr and a terminal.</summary>
    public ProgressBar(TextWriter error, string label)
        : this(error, label, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, TimeProvider.System)
    {
    }

    /// <summary>A bar on <paramref name="error"/>, drawn when <paramref name="terminal"/>, timed by <paramref name="time"/>.</summary>
    internal ProgressBar(TextWriter error, string label, bool terminal, TimeProvider time)
    {
        _error = error;
        _label = label;
        _enabled = terminal;
        _time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>How much of a migration is done: the share of the guest's pages no longer dirty.</summary>
    public static double Done(MigrationEngine migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return 1 - (migration.RemainingDirtyPages / (double)Math.Max(1, migration.DirtyBitmap.Length));
    }

    /// <summary>Redraws the bar for the migration's state.</summary>
    public void Update(MigrationEngine migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        Update(Done(migration), $"round {migration.Round}, {SimDuration.Format(migration.ElapsedNs)} simulated");
    }

    /// <summary>Redraws the bar: <paramref name="done"/> from 0 to 1, and a few words after it.</summary>
    public void Update(double done, string detail)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_lock)
        {
            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_start, now) < ShowAfter || (_drawnLength > 0 && _time.GetElapsedTime(_lastDrawn, now) < RedrawEvery))
            {
                return;
            }

            int filled = (int)Math.Round(Math.Clamp(done, 0, 1) * Width);
            string line = $"{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {detail}";
            _error.Write($"\r{line.PadRight(_drawnLength)}");
            _drawnLength = line.Length;
            _lastDrawn = now;
        }
    }

    /// <summary>Clears the bar's line.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (_drawnLength > 0)
            {
                _error.Write("\r" + new string(' ', _drawnLength) + "\r");
                _drawnLength = 0;
            }
        }
    }
}
