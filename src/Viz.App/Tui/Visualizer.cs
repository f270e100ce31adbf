using Terminal.Gui.Input;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Log;
using Viz.App.Tui.Panels;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Engine;
using Viz.Simulation.Memory;
using Viz.Simulation.Workloads;

namespace Viz.App.Tui;

/// <summary>
/// What the keys and the mouse do, apart from any view: it turns them into requests to the simulation
/// (<see cref="ISimulationControl"/>) and into screen state (theme, zoom, selection, log, help, a status message).
/// UI thread only. The views read it and redraw when <see cref="Changed"/> fires.
/// </summary>
public sealed class Visualizer
{
    /// <summary>How long a status message stays.</summary>
    public static readonly TimeSpan MessageLifetime = TimeSpan.FromSeconds(6);

    private readonly ISimulationControl _control;
    private readonly IReadOnlyList<Theme> _themes;
    private readonly TimeProvider _time;
    private int _themeIndex;
    private PoisonMode _poison;
    private bool _initOnAlloc;
    private WorkloadKind _workload;
    private long _messageSetAt;
    private string? _message;

    /// <summary>A visualizer driving <paramref name="control"/>, starting from the guest settings it was started with.</summary>
    public Visualizer(ISimulationControl control, IReadOnlyList<Theme> themes, int themeIndex, int totalPages, SimulationOptions start, TimeProvider time)
    {
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _themes = themes is { Count: > 0 } ? themes : throw new ArgumentException("at least one theme is needed", nameof(themes));
        ArgumentNullException.ThrowIfNull(start);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _themeIndex = Math.Clamp(themeIndex, 0, themes.Count - 1);
        _poison = start.Guest.Poison;
        _initOnAlloc = start.Guest.InitOnAlloc;
        _workload = start.Workload.Kind;
        Navigator = new GridNavigator(totalPages);
    }

    /// <summary>Raised when the screen should redraw something other than a new frame.</summary>
    public event Action? Changed;

    /// <summary>Raised when a status message is shown; it goes stale after <see cref="MessageLifetime"/>.</summary>
    public event Action? MessageShown;

    /// <summary>Raised when the user asks to quit.</summary>
    public event Action? QuitRequested;

    /// <summary>The theme in use.</summary>
    public Theme Theme => _themes[_themeIndex];

    /// <summary>The grid's window and cursor.</summary>
    public GridNavigator Navigator { get; }

    /// <summary>The event log.</summary>
    public EventLog Log { get; } = new();

    /// <summary>The newest frame shown.</summary>
    public SimFrame? Frame { get; private set; }

    /// <summary>Whether the help screen is up.</summary>
    public bool HelpVisible { get; private set; }

    /// <summary>The status message, while it is fresh.</summary>
    public string? Message => _message is not null && _time.GetElapsedTime(_messageSetAt) < MessageLifetime ? _message : null;

    /// <summary>Takes a new frame from the simulation.</summary>
    public void Take(SimFrame frame)
    {
        Frame = frame ?? throw new ArgumentNullException(nameof(frame));
        Log.Take(frame);
    }

    /// <summary>Shows <paramref name="text"/> in the status line for a few seconds.</summary>
    public void Say(string text)
    {
        _message = text;
        _messageSetAt = _time.GetTimestamp();
        MessageShown?.Invoke();
        Changed?.Invoke();
    }

    /// <summary>Handles a key; returns false when no binding has it.</summary>
    public bool Press(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (HelpVisible && key == Key.Esc)
        {
            ToggleHelp();
            Changed?.Invoke();
            return true;
        }

        KeyAction? binding = KeyMap.Find(key);
        if (binding is null)
        {
            return false;
        }

        binding.Action(this, key);
        Changed?.Invoke();
        return true;
    }

    /// <summary>The grid's character layout changed (resize, or a theme with another drawing mode).</summary>
    public void LayoutGrid(GridLayout layout)
    {
        if (layout != Navigator.Layout)
        {
            Navigator.Resize(layout);
            PushView();
        }
    }

    /// <summary>Selects <paramref name="cell"/> (a click).</summary>
    public void SelectCell(int cell)
    {
        Navigator.Select(cell);
        PushView();
        Changed?.Invoke();
    }

    /// <summary>A click on line <paramref name="line"/> of the features panel: the same as that line's key.</summary>
    public void ClickFeature(int line)
    {
        switch (line)
        {
            case 0:
                CyclePoison();
                break;
            case 1:
                ToggleInitOnAlloc();
                break;
            case 2:
                NotAvailable("the virtio-balloon device (hinting, reporting, inflate/deflate)");
                break;
            case 3:
                NotAvailable("live migration");
                break;
            default:
                return;
        }
    }

    /// <summary>Opens or closes the help screen.</summary>
    public void ToggleHelp() => HelpVisible = !HelpVisible;

    /// <summary>Asks to quit.</summary>
    public void Quit() => QuitRequested?.Invoke();

    /// <summary>Pauses or resumes the simulation.</summary>
    public void TogglePause()
    {
        bool paused = !_control.Paused;
        _control.SetPaused(paused);
        Say(paused ? "simulation paused (space resumes)" : $"simulation running at {_control.Speed}");
    }

    /// <summary>One step faster.</summary>
    public void Faster() => SetSpeed(_control.Speed.Faster());

    /// <summary>One step slower.</summary>
    public void Slower() => SetSpeed(_control.Speed.Slower());

    /// <summary>Cycles the poison mode: off, page_poison, init_on_free.</summary>
    public void CyclePoison()
    {
        _poison = _poison switch
        {
            PoisonMode.Off => PoisonMode.PagePoison,
            PoisonMode.PagePoison => PoisonMode.InitOnFree,
            _ => PoisonMode.Off,
        };
        _control.Post(new SetPoisoningCommand(_poison, _initOnAlloc));
        Say($"poison mode: {PanelText.PoisonName(_poison)}");
    }

    /// <summary>Toggles init_on_alloc.</summary>
    public void ToggleInitOnAlloc()
    {
        _initOnAlloc = !_initOnAlloc;
        _control.Post(new SetPoisoningCommand(_poison, _initOnAlloc));
        Say($"init_on_alloc: {(_initOnAlloc ? "on" : "off")}");
    }

    /// <summary>Switches to the next workload, with its default size and rate.</summary>
    public void CycleWorkload()
    {
        _workload = (WorkloadKind)(((int)_workload + 1) % WorkloadSpec.Names.Count);
        var spec = new WorkloadSpec(_workload);
        _control.Post(new SetWorkloadCommand(spec));
        Say($"workload: {spec}");
    }

    /// <summary>Says that <paramref name="feature"/> is not in the simulation core yet; nothing changes.</summary>
    public void NotAvailable(string feature) => Say($"{feature}: not available in this build yet");

    /// <summary>Switches to the next theme.</summary>
    public void NextTheme()
    {
        _themeIndex = (_themeIndex + 1) % _themes.Count;
        Say($"theme: {Theme.Name} — {Theme.Description}");
    }

    /// <summary>Zooms in on the selection.</summary>
    public void ZoomIn()
    {
        if (!Navigator.CanZoomIn)
        {
            Say("already one page per cell");
            return;
        }

        Navigator.ZoomIn();
        PushView();
    }

    /// <summary>Zooms out.</summary>
    public void ZoomOut()
    {
        if (Navigator.ShowsAll)
        {
            Say("the whole guest is in view");
            return;
        }

        Navigator.ZoomOut();
        PushView();
    }

    /// <summary>Moves the selection by an arrow key.</summary>
    public void MoveCursor(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        (int columns, int rows) = key.KeyCode switch
        {
            Terminal.Gui.Drivers.KeyCode.CursorLeft => (-1, 0),
            Terminal.Gui.Drivers.KeyCode.CursorRight => (1, 0),
            Terminal.Gui.Drivers.KeyCode.CursorUp => (0, -1),
            _ => (0, 1),
        };
        Navigator.Move(columns, rows);
        PushView();
    }

    /// <summary>Pauses or resumes the event log.</summary>
    public void ToggleLogPause() => Log.TogglePause();

    /// <summary>Shows the next kind in the event log.</summary>
    public void CycleLogFilter()
    {
        Log.CycleFilter();
        Say($"event log shows: {Log.Filter ?? "all kinds"}");
    }

    /// <summary>Scrolls the event log by PgUp, PgDn or End.</summary>
    public void ScrollLog(Key key)
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

    private void SetSpeed(SimulationSpeed speed)
    {
        _control.SetSpeed(speed);
        Say($"speed {speed}{(_control.Paused ? " (paused: space resumes)" : string.Empty)}");
    }

    private void PushView()
    {
        _control.ShowWindow(Navigator.Window);
        (int start, int count) = Navigator.Selection;
        _control.SelectPages(start, count);
    }
}
