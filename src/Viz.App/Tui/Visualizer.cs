using Terminal.Gui.Input;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Log;
using Viz.App.Tui.Panels;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Virtio;
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
    private DeviceProperties _device;
    private long _balloonTargetPages;
    private readonly int _totalPages;
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
        _device = start.Device;
        _totalPages = totalPages;
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

    /// <summary>Whether the status message is a warning (lost data, failed poison checks).</summary>
    public bool MessageIsWarning { get; private set; }

    /// <summary>
    /// Takes a new frame from the simulation, and warns in the status line when a migration ended with pages that differ
    /// on the destination or when pages failed their poison check since the last frame.
    /// </summary>
    public void Take(SimFrame frame)
    {
        SimFrame? previous = Frame;
        Frame = frame ?? throw new ArgumentNullException(nameof(frame));
        Log.Take(frame);
        if (frame.Migration.Last is { MismatchedPages: > 0 } bad && !ReferenceEquals(bad, previous?.Migration.Last))
        {
            Say($"DATA MISMATCH after migration #{frame.Migration.Number}: {bad.MismatchedPages:N0} pages differ on the destination", warning: true);
        }
        else if (previous is not null && frame.Counts.PoisonErrorPages > previous.Counts.PoisonErrorPages)
        {
            Say($"pagealloc: memory corruption: {frame.Counts.PoisonErrorPages - previous.Counts.PoisonErrorPages:N0} pages failed the poison check", warning: true);
        }
    }

    /// <summary>Shows <paramref name="text"/> in the status line for a few seconds.</summary>
    public void Say(string text, bool warning = false)
    {
        MessageIsWarning = warning;
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
                ToggleHinting();
                break;
            case 3:
                ToggleReporting();
                break;
            case 4:
                StepBalloon(inflate: true);
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

    /// <summary>
    /// Turns the device's free-page-hint property on or off: a device reset and a new negotiation, as a VM restarted
    /// with other device properties. Hinting only runs during a migration.
    /// </summary>
    public void ToggleHinting()
    {
        SetDevice(_device with { FreePageHint = !_device.FreePageHint });
        Say($"free-page-hint={(_device.FreePageHint ? "on" : "off")}: device reset and renegotiated; hints flow during a migration (m)");
    }

    /// <summary>Turns the device's free-page-reporting property on or off (a device reset and a new negotiation).</summary>
    public void ToggleReporting()
    {
        SetDevice(_device with { FreePageReporting = !_device.FreePageReporting });
        Say($"free-page-reporting={(_device.FreePageReporting ? "on" : "off")}: device reset and renegotiated");
    }

    /// <summary>
    /// Asks the guest to inflate (<paramref name="inflate"/>) or deflate the balloon by an eighth of its memory, as
    /// QEMU's <c>balloon</c> command sets a new target.
    /// </summary>
    public void StepBalloon(bool inflate)
    {
        long step = _totalPages / 8;
        _balloonTargetPages = Math.Clamp(_balloonTargetPages + (inflate ? step : -step), 0, _totalPages - step);
        _control.Post(new SetBalloonTargetCommand(_balloonTargetPages * KernelConstants.PageSize));
        Say($"balloon target: {PanelText.Bytes(_balloonTargetPages)} ({(inflate ? "inflate" : "deflate")})");
    }

    /// <summary>Starts a live migration, or cancels the one running.</summary>
    public void ToggleMigration() => StartOrCancelMigration(pingPong: false);

    /// <summary>Starts a ping-pong migration, or cancels the one running.</summary>
    public void TogglePingPong() => StartOrCancelMigration(pingPong: true);

    private void SetDevice(DeviceProperties properties)
    {
        _device = properties;
        _control.Post(new SetDevicePropertiesCommand(properties));
    }

    private void StartOrCancelMigration(bool pingPong)
    {
        if (Frame?.Migration is { Active: true })
        {
            _control.Post(new CancelMigrationCommand());
            Say("migration cancelled: the guest stays on the source, hinted blocks go back (DONE)");
            return;
        }

        _control.Post(new StartMigrationCommand(new MigrationParameters { PingPong = pingPong }));
        Say(pingPong
            ? "ping-pong migration: back and forth until m or M cancels it"
            : $"live migration started ({(_device.FreePageHint ? "with" : "without")} free page hinting)");
    }

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
