using Terminal.Gui.Input;
using Viz.App.Reactive;
using Viz.App.Tui.Log;

namespace Viz.App.Tui;

/// <summary>
/// The event log's part of the visualizer: the log itself, whether it is on screen, and its commands — pause, bursts
/// summed or not, the filter (f numbers the kinds seen, the next digit picks one) and scrolling. UI thread only.
/// </summary>
public sealed class EventLogViewModel : IDisposable
{
    private readonly IStatusLine _status;
    private bool _choosingFilter;

    /// <summary>A log that reports what its commands did to <paramref name="status"/>.</summary>
    public EventLogViewModel(IStatusLine status)
    {
        _status = status ?? throw new ArgumentNullException(nameof(status));
        Visible = new ReactiveValue<bool>(true);
        TogglePause = new ReactiveCommand(Log.TogglePause);
        ToggleVisible = new ReactiveCommand(() => Visible.Value = !Visible.Value);
        ToggleBursts = new ReactiveCommand(DoToggleBursts);
        ChooseFilter = new ReactiveCommand(DoChooseFilter);
    }

    /// <summary>The log's lines and reading state.</summary>
    public EventLog Log { get; } = new();

    /// <summary>Whether the log is on screen.</summary>
    public ReactiveValue<bool> Visible { get; }

    /// <summary>e: pause or resume the log.</summary>
    public ReactiveCommand TogglePause { get; }

    /// <summary>l: show or hide the log (more room for the grid).</summary>
    public ReactiveCommand ToggleVisible { get; }

    /// <summary>b: every alloc and free burst, or a summary line per source.</summary>
    public ReactiveCommand ToggleBursts { get; }

    /// <summary>f: the kinds seen, numbered in the status bar; the next digit picks one (0: all).</summary>
    public ReactiveCommand ChooseFilter { get; }

    /// <summary>
    /// A key after f: a digit picks the filter and is used up (true); any other key ends the choice and goes on to its
    /// own binding (false).
    /// </summary>
    public bool TakeFilterChoice(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_choosingFilter)
        {
            return false;
        }

        _choosingFilter = false;
        char typed = KeyAction.Typed(key);
        if (typed is < '0' or > '9')
        {
            return false;
        }

        IReadOnlyList<string> kinds = Log.Kinds;
        int choice = typed - '0';
        Log.SetFilter(choice >= 1 && choice <= Math.Min(9, kinds.Count) ? kinds[choice - 1] : null);
        _status.Say($"event log shows: {Log.Filter ?? "all kinds"}");
        return true;
    }

    /// <summary>Scrolls the log by PgUp, PgDn or End.</summary>
    public void Scroll(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.End)
        {
            Log.ScrollToEnd();
        }
        else
        {
            Log.Scroll(key == Key.PageUp ? 5 : -5);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Visible.Dispose();
        TogglePause.Dispose();
        ToggleVisible.Dispose();
        ToggleBursts.Dispose();
        ChooseFilter.Dispose();
    }

    private void DoToggleBursts()
    {
        Log.ToggleBursts();
        _status.Say(Log.ShowBursts ? "event log: every alloc and free burst" : "event log: alloc and free bursts summed up per source");
    }

    private void DoChooseFilter()
    {
        _choosingFilter = true;
        _status.Say($"event log shows (type a digit): 0 all  {string.Join("  ", Log.Kinds.Take(9).Select((k, i) => $"{i + 1} {k}"))}");
    }
}
