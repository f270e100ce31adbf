using System.Globalization;
using Viz.Pipeline;
using Viz.Simulation.Units;

namespace Viz.App.Tui.Log;

/// <summary>
/// The event log's contents and reading state: the lines kept, whether it is paused (new events are held back, not
/// lost, up to the capacity), how far it is scrolled up, and which kind it shows. UI thread only.
/// </summary>
public sealed class EventLog
{
    /// <summary>Lines kept.</summary>
    public const int Capacity = 2000;

    private readonly List<LogLine> _lines = [];
    private readonly List<LogLine> _held = [];
    private readonly SortedSet<string> _kinds = new(StringComparer.Ordinal);
    private long _lastSequence;

    /// <summary>Whether new lines are held back.</summary>
    public bool Paused { get; private set; }

    /// <summary>The kind shown, or null for all.</summary>
    public string? Filter { get; private set; }

    /// <summary>Lines scrolled up from the newest.</summary>
    public int ScrollOffset { get; private set; }

    /// <summary>Lines held back while paused.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Takes the events of <paramref name="frame"/> not seen yet; a gap in the sequence becomes one line saying how many were skipped.</summary>
    public void Take(SimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (LoggedEvent logged in frame.RecentEvents)
        {
            if (logged.Sequence <= _lastSequence)
            {
                continue;
            }

            if (_lastSequence > 0 && logged.Sequence > _lastSequence + 1)
            {
                long skipped = logged.Sequence - _lastSequence - 1;
                Add(new LogLine(logged.Event.TimeNs, "log", string.Create(CultureInfo.InvariantCulture, $"... {skipped:N0} events came too fast to show")));
            }

            _lastSequence = logged.Sequence;
            Add(new LogLine(logged.Event.TimeNs, logged.Event.Kind, logged.Event.Describe()));
        }
    }

    /// <summary>Pauses or resumes; resuming shows what was held back.</summary>
    public void TogglePause()
    {
        Paused = !Paused;
        if (!Paused)
        {
            foreach (LogLine line in _held)
            {
                Keep(line);
            }

            _held.Clear();
        }
    }

    /// <summary>Shows the next kind seen (all, then each kind in order, then all again).</summary>
    public void CycleFilter()
    {
        string[] kinds = [.. _kinds];
        int index = Filter is null ? -1 : Array.IndexOf(kinds, Filter);
        Filter = index + 1 < kinds.Length ? kinds[index + 1] : null;
        ScrollOffset = 0;
    }

    /// <summary>Scrolls up (positive) or down (negative) by <paramref name="lines"/>; 0 is the newest line.</summary>
    public void Scroll(int lines) => ScrollOffset = Math.Clamp(ScrollOffset + lines, 0, Math.Max(0, Shown().Count - 1));

    /// <summary>Back to the newest line.</summary>
    public void ScrollToEnd() => ScrollOffset = 0;

    /// <summary>The lines to show in <paramref name="rows"/> rows, oldest first, after filter and scrolling.</summary>
    public IReadOnlyList<LogLine> Visible(int rows)
    {
        List<LogLine> shown = Shown();
        int end = Math.Max(0, shown.Count - ScrollOffset);
        int start = Math.Max(0, end - rows);
        return shown.GetRange(start, end - start);
    }

    private List<LogLine> Shown() => Filter is null ? _lines : _lines.FindAll(l => l.Kind == Filter);

    private void Add(LogLine line)
    {
        _kinds.Add(line.Kind);
        if (Paused)
        {
            _held.Add(line);
            if (_held.Count > Capacity)
            {
                _held.RemoveAt(0);
            }
        }
        else
        {
            Keep(line);
        }
    }

    private void Keep(LogLine line)
    {
        _lines.Add(line);
        if (_lines.Count > Capacity)
        {
            _lines.RemoveRange(0, _lines.Count - Capacity);
        }

        if (ScrollOffset > 0 && (Filter is null || Filter == line.Kind))
        {
            ScrollOffset++;
        }
    }
}

/// <summary>One line of the event log.</summary>
/// <param name="TimeNs">Simulated time.</param>
/// <param name="Kind">The event's kind.</param>
/// <param name="Text">What happened.</param>
public sealed record LogLine(long TimeNs, string Kind, string Text)
{
    /// <summary>The line as shown: time, kind, text.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeNs / (double)SimDuration.NsPerSecond,9:0.000}s  {Kind,-8} {Text}");
}
