using System.Globalization;
using Viz.Pipeline;
using Viz.Simulation.Core;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Tui.Log;

/// <summary>
/// The event log's contents and reading state: the lines kept, whether it is paused (new events are held back, not
/// lost, up to the capacity), how far it is scrolled up, and which kind it shows. Alloc and free bursts are summarised
/// by default (one line per source, counting up until something else happens), and when the log is full the trace
/// goes first, so a migration's lines and the filter for them survive a long run. UI thread only.
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

    /// <summary>Whether every alloc and free burst gets its own line instead of a summary.</summary>
    public bool ShowBursts { get; private set; }

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
                Add(new LogLine(logged.Event.TimeNs, "log", string.Create(CultureInfo.InvariantCulture, $"... {skipped:N0} trace events (bursts, virtqueue buffers) came too fast to show"), Trace: true));
            }

            _lastSequence = logged.Sequence;
            Add(LineFor(logged.Event));
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

    /// <summary>Summarises alloc and free bursts, or shows each one.</summary>
    public void ToggleBursts() => ShowBursts = !ShowBursts;

    /// <summary>The kinds seen so far, in name order.</summary>
    public IReadOnlyList<string> Kinds => [.. _kinds];

    /// <summary>Shows only <paramref name="kind"/> (null: all).</summary>
    public void SetFilter(string? kind)
    {
        Filter = kind;
        ScrollOffset = 0;
    }

    /// <summary>Scrolls up (positive) or down (negative) by <paramref name="lines"/>; 0 is the newest line.</summary>
    public void Scroll(int lines) => ScrollOffset = Math.Clamp(ScrollOffset + lines, 0, Math.Max(0, Shown().Count - 1));

    /// <summary>Back to the newest line.</summary>
    public void ScrollToEnd() => ScrollOffset = 0;

    /// <summary>
    /// The lines to show in <paramref name="rows"/> rows, oldest first, after filter and scrolling; scrolled past the
    /// oldest line, the oldest page stays in view.
    /// </summary>
    public IReadOnlyList<LogLine> Visible(int rows)
    {
        List<LogLine> shown = Shown();
        int offset = Math.Min(ScrollOffset, Math.Max(0, shown.Count - rows));
        int end = Math.Max(0, shown.Count - offset);
        int start = Math.Max(0, end - rows);
        return shown.GetRange(start, end - start);
    }

    private List<LogLine> Shown() => Filter is null ? _lines : _lines.FindAll(l => l.Kind == Filter);

    private static LogLine LineFor(SimEvent simEvent) => simEvent switch
    {
        AllocationBurst a => new LogLine(a.TimeNs, a.Kind, a.Describe(), true, new Burst(a.Source, a.Pages, 1, a.TimeNs)),
        FreeBurst f => new LogLine(f.TimeNs, f.Kind, f.Describe(), true, new Burst(f.Source, f.Pages, 1, f.TimeNs)),
        _ => new LogLine(simEvent.TimeNs, simEvent.Kind, simEvent.Describe(), EventTail.IsTrace(simEvent)),
    };

    private void Add(LogLine line)
    {
        _kinds.Add(line.Kind);
        if (line.Burst is { } burst && !ShowBursts && !Paused && MergeBurst(line, burst))
        {
            return;
        }

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

    /// <summary>
    /// Adds a burst to the summary of the same kind and source, if one is among the burst lines since the last other
    /// line; returns whether it did.
    /// </summary>
    private bool MergeBurst(LogLine line, Burst burst)
    {
        for (int i = _lines.Count - 1; i >= 0 && _lines[i].Burst is { } kept; i--)
        {
            if (_lines[i].Kind == line.Kind && kept.Source == burst.Source)
            {
                var merged = new Burst(burst.Source, kept.Pages + burst.Pages, kept.Count + 1, kept.StartNs);
                string verb = line.Kind == "alloc" ? "allocated" : "freed";
                _lines[i] = new LogLine(line.TimeNs, line.Kind, string.Create(CultureInfo.InvariantCulture, $"{burst.Source} {verb} {merged.Pages:N0} pages in {merged.Count:N0} bursts since {merged.StartNs / (double)SimDuration.NsPerSecond:0.000}s"), true, merged);
                return true;
            }
        }

        return false;
    }

    private void Keep(LogLine line)
    {
        _lines.Add(line);
        if (_lines.Count > Capacity)
        {
            // The trace goes first: key lines (a migration, an OOM, a command) outlive any number of bursts.
            int trace = _lines.FindIndex(l => l.Trace);
            _lines.RemoveAt(trace >= 0 ? trace : 0);
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
/// <param name="Trace">Whether it is trace (see <see cref="EventTail.IsTrace"/>): the first to go when the log is full.</param>
/// <param name="Burst">For an alloc or free line: the bursts it stands for.</param>
public sealed record LogLine(long TimeNs, string Kind, string Text, bool Trace = false, Burst? Burst = null)
{
    /// <summary>The line as shown: time, kind, text (without the kind again when the text starts with it).</summary>
    public override string ToString()
    {
        string text = Text.StartsWith(Kind + " ", StringComparison.Ordinal) ? Text[(Kind.Length + 1)..] : Text;
        return string.Create(CultureInfo.InvariantCulture, $"{TimeNs / (double)SimDuration.NsPerSecond,9:0.000}s  {Kind,-8} {text}");
    }
}

/// <summary>Alloc or free bursts of one source summed up.</summary>
/// <param name="Source">Who allocated or freed.</param>
/// <param name="Pages">Pages in all.</param>
/// <param name="Count">Bursts.</param>
/// <param name="StartNs">When the first came.</param>
public sealed record Burst(string Source, long Pages, int Count, long StartNs);
