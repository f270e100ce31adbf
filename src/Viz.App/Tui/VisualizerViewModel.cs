using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Terminal.Gui.Input;
using Viz.App.Reactive;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Log;
using Viz.App.Tui.Panels;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Workloads;

namespace Viz.App.Tui;

/// <summary>
/// The visualizer's state and actions, apart from any view (a view model in ReactiveUI's shape, on System.Reactive):
/// observable properties for the latest frame, the theme, the help screen and the status message; a command for each
/// action, runnable once the simulation has shown a frame. Every toggle takes its next value from the latest frame,
/// so the screen and the simulation never disagree. UI thread only.
/// </summary>
public sealed class VisualizerViewModel : IStatusLine, IDisposable
{
    /// <summary>How long a status message stays.</summary>
    public static readonly TimeSpan MessageLifetime = TimeSpan.FromSeconds(6);

    private readonly ISimulationControl _control;
    private int _scenarioViews;
    private readonly ThemeCatalog _themes;
    private readonly TimeProvider _time;
    private readonly Subject<Unit> _changed = new();
    private readonly Subject<Unit> _quit = new();
    private readonly List<IDisposable> _owned = [];
    private SimulationOptions _start;
    private readonly SimulationOptions[] _guests;
    private int _guest;

    /// <summary>
    /// A view model driving <paramref name="control"/> for the guest <paramref name="start"/> describes, starting with
    /// <paramref name="theme"/> and cycling through <paramref name="themes"/>.
    /// </summary>
    public VisualizerViewModel(
        ISimulationControl control, ThemeCatalog themes, Theme theme, SimulationOptions start, TimeProvider time, KeyMap? keys = null, MigrationParameters? migration = null,
        IReadOnlyList<SimulationOptions>? hostGuests = null, bool demo = false, IReadOnlyList<string>? versus = null)
    {
        Demo = demo;
        VersusLabels = versus;
        _guests = hostGuests is { Count: > 1 } ? [.. hostGuests] : [];
        Keys = keys ?? KeyMap.Default;
        Migration = migration ?? new MigrationParameters();
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _start = start ?? throw new ArgumentNullException(nameof(start));
        int totalPages = GuestMemory.PagesFor(start.Guest.MemoryBytes);
        _themes = themes ?? throw new ArgumentNullException(nameof(themes));
        ArgumentNullException.ThrowIfNull(theme);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        TotalPages = totalPages;
        Navigator = new GridNavigator(totalPages);
        Frame = Own(new ReactiveValue<SimFrame?>(null));
        Theme = Own(new ReactiveValue<Theme>(theme));
        HelpVisible = Own(new ReactiveValue<bool>(false));
        Status = Own(new ReactiveValue<StatusMessage?>(null));
        EventLog = Own(new EventLogViewModel(this));
        HelpScroll = Own(new ReactiveValue<int>(0));
        LegendVisible = Own(new ReactiveValue<bool>(true));
        HostView = Own(new ReactiveValue<bool>(_guests.Length > 0));
        IObservable<bool> hasFrame = Frame.Changes.Select(frame => frame is not null);
        TogglePause = Command(DoTogglePause);
        StepOnce = Command(DoStepOnce);
        Faster = Command(() => SetSpeed(_control.Speed.Faster()));
        Slower = Command(() => SetSpeed(_control.Speed.Slower()));
        CyclePoison = Command(() => Apply(GuestActions.CyclePoison(Features)), hasFrame);
        ToggleInitOnAlloc = Command(() => Apply(GuestActions.ToggleInitOnAlloc(Features)), hasFrame);
        CycleWorkload = Command(() => Apply(GuestActions.CycleWorkload(Features)), hasFrame);
        ToggleHinting = Command(() => Apply(GuestActions.ToggleHinting(Features)), hasFrame);
        ToggleReporting = Command(() => Apply(GuestActions.ToggleReporting(Features)), hasFrame);
        ToggleHintRun = Command(() => Apply(GuestActions.StartOrStopHintRun(Features, _start.Host.HintConsumer == Simulation.Host.FreePageHintConsumer.Discard)), hasFrame);
        ToggleDeflateOnOom = Command(() => Apply(GuestActions.ToggleDeflateOnOom(Features)), hasFrame);
        Restart = Command(DoRestart, hasFrame);
        ToggleHintDesign = Command(DoToggleHintDesign, hasFrame);
        GrowGuest = Command(() => Resize(grow: true), hasFrame);
        ShrinkGuest = Command(() => Resize(grow: false), hasFrame);
        Inflate = Command(() => Apply(GuestActions.StepBalloon(Features, TotalPages, inflate: true)), hasFrame);
        Deflate = Command(() => Apply(GuestActions.StepBalloon(Features, TotalPages, inflate: false)), hasFrame);
        ToggleMigration = Command(() => Apply(GuestActions.StartOrCancelMigration(Frame.Value!, pingPong: false, Migration)), hasFrame);
        TogglePingPong = Command(() => Apply(GuestActions.StartOrCancelMigration(Frame.Value!, pingPong: true, Migration)), hasFrame);
        NextTheme = Command(DoNextTheme);
        ZoomIn = Command(DoZoomIn);
        ZoomOut = Command(DoZoomOut);
        ToggleHelp = Command(() => HelpVisible.Value = !HelpVisible.Value);
        Quit = Command(() => _quit.OnNext(Unit.Default));
        ToggleLegend = Command(() => LegendVisible.Value = !LegendVisible.Value);
        Changed = Observable.Merge(
            Frame.Changes.Skip(1).Select(_ => Unit.Default),
            Theme.Changes.Skip(1).Select(_ => Unit.Default),
            HelpVisible.Changes.Skip(1).Select(_ => Unit.Default),
            HelpScroll.Changes.Skip(1).Select(_ => Unit.Default),
            Status.Changes.Skip(1).Select(_ => Unit.Default),
            HostView.Changes.Skip(1).Select(_ => Unit.Default),
            _changed);
    }

    /// <summary>Something the screen shows changed (a property, or the grid's window, selection or log).</summary>
    public IObservable<Unit> Changed { get; }

    /// <summary>The user asked to quit.</summary>
    public IObservable<Unit> QuitRequests => _quit.AsObservable();

    /// <summary>The newest frame of the simulation, or null before the first.</summary>
    public ReactiveValue<SimFrame?> Frame { get; }

    /// <summary>Whether a scenario plays (a demo or a replay): the screen has a caption bar.</summary>
    public bool Demo { get; }

    /// <summary>Two guests side by side (--versus): their names; null otherwise.</summary>
    public IReadOnlyList<string>? VersusLabels { get; }

    /// <summary>The theme in use.</summary>
    public ReactiveValue<Theme> Theme { get; }

    /// <summary>Whether the help screen is up.</summary>
    public ReactiveValue<bool> HelpVisible { get; }

    /// <summary>The last status message (see <see cref="Message"/> for whether it is still fresh).</summary>
    public ReactiveValue<StatusMessage?> Status { get; }

    /// <summary>How far the help screen is scrolled down, in rows.</summary>
    public ReactiveValue<int> HelpScroll { get; }

    /// <summary>Whether the legend is on screen.</summary>
    public ReactiveValue<bool> LegendVisible { get; }

    /// <summary>The guest's size in pages.</summary>
    public int TotalPages { get; private set; }

    /// <summary>The grid's window and cursor.</summary>
    public GridNavigator Navigator { get; private set; }

    /// <summary>What m and M migrate with (the defaults, or the cost profile --costs gives).</summary>
    public MigrationParameters Migration { get; }

    /// <summary>The keys in force (the shipped ones, or as --keys and the config file rebound them).</summary>
    public KeyMap Keys { get; }

    /// <summary>The event log and its commands.</summary>
    public EventLogViewModel EventLog { get; }

    /// <summary>The status message, while it is fresh.</summary>
    public StatusMessage? Message => Status.Value is { } status && _time.GetElapsedTime(status.ShownAt) < MessageLifetime ? status : null;

    /// <summary>space: pause or resume the simulation.</summary>
    public ReactiveCommand TogglePause { get; }

    /// <summary>.: while paused, one step of the simulation.</summary>
    public ReactiveCommand StepOnce { get; }

    /// <summary>+: one step faster.</summary>
    public ReactiveCommand Faster { get; }

    /// <summary>-: one step slower.</summary>
    public ReactiveCommand Slower { get; }

    /// <summary>p: the next poison mode after the guest's: off, page_poison, init_on_free.</summary>
    public ReactiveCommand CyclePoison { get; }

    /// <summary>a: init_on_alloc the other way from the guest's.</summary>
    public ReactiveCommand ToggleInitOnAlloc { get; }

    /// <summary>w: the next workload after the guest's, with its default size and rate.</summary>
    public ReactiveCommand CycleWorkload { get; }

    /// <summary>h: the device's free-page-hint property the other way (a device reset and a new negotiation).</summary>
    public ReactiveCommand ToggleHinting { get; }

    /// <summary>r: the device's free-page-reporting property the other way (a device reset and a new negotiation).</summary>
    public ReactiveCommand ToggleReporting { get; }

    /// <summary>H: a Firecracker-style hint run started or stopped (discard hint mode).</summary>
    public ReactiveCommand ToggleHintRun { get; }

    /// <summary>o: the device's deflate-on-oom property the other way (a device reset and a new negotiation).</summary>
    public ReactiveCommand ToggleDeflateOnOom { get; }

    /// <summary>x: a fresh boot of the guest with the options in force now (the toggles as they are).</summary>
    public ReactiveCommand Restart { get; }

    /// <summary>v: the other free page hinting design (upstream or v28), booted afresh with the options in force now.</summary>
    public ReactiveCommand ToggleHintDesign { get; }

    /// <summary>g: the guest twice the size, booted afresh with the options in force now.</summary>
    public ReactiveCommand GrowGuest { get; }

    /// <summary>G: the guest half the size, booted afresh with the options in force now.</summary>
    public ReactiveCommand ShrinkGuest { get; }

    /// <summary>i: the balloon target an eighth of the guest above the device's target.</summary>
    public ReactiveCommand Inflate { get; }

    /// <summary>d: the balloon target an eighth of the guest below the balloon's size now (never above it).</summary>
    public ReactiveCommand Deflate { get; }

    /// <summary>m: start a live migration, or cancel the one running.</summary>
    public ReactiveCommand ToggleMigration { get; }

    /// <summary>M: start a ping-pong migration, or cancel the one running.</summary>
    public ReactiveCommand TogglePingPong { get; }

    /// <summary>t: the next theme.</summary>
    public ReactiveCommand NextTheme { get; }

    /// <summary>z: zoom in on the selection.</summary>
    public ReactiveCommand ZoomIn { get; }

    /// <summary>Z: zoom out.</summary>
    public ReactiveCommand ZoomOut { get; }

    /// <summary>?: open or close the help screen.</summary>
    public ReactiveCommand ToggleHelp { get; }

    /// <summary>q: quit.</summary>
    public ReactiveCommand Quit { get; }

    /// <summary>L: show or hide the legend.</summary>
    public ReactiveCommand ToggleLegend { get; }

    /// <summary>With several guests on one host: whether the host view shows instead of one guest's grid.</summary>
    public ReactiveValue<bool> HostView { get; }

    /// <summary>The guests on the host (empty for a guest alone).</summary>
    public int GuestCount => _guests.Length;

    /// <summary>The guest the grid, panels and keys are of.</summary>
    public int SelectedGuest => _guest;

    /// <summary>
    /// The guest keys with several guests on one host: Tab shows the next guest's full view (after the last, the host
    /// view again), 1 to 9 that guest's, 0 the host view. A guest alone has no host view.
    /// </summary>
    public void GuestKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_guests.Length == 0)
        {
            Say("one guest: there is no host view (start with --guest SPEC --guest SPEC ... for several)");
            return;
        }

        int digit = (int)(key.KeyCode - Terminal.Gui.Drivers.KeyCode.D0);
        int? next = key == Key.Tab
            ? HostView.Value ? 0 : _guest + 1 < _guests.Length ? _guest + 1 : null
            : digit == 0 ? null : digit - 1;
        if (next is not int guest)
        {
            HostView.Value = true;
            return;
        }

        if (guest >= _guests.Length)
        {
            Say($"there are {_guests.Length} guests: 1 to {_guests.Length}, 0 for the host view", warning: true);
            return;
        }

        ShowGuest(guest);
    }

    /// <summary>The host view is <paramref name="cells"/> columns wide: each guest's one-row grid gets as many cells.</summary>
    public void LayoutHost(int cells)
    {
        if (_guests.Length > 0 && cells > 0)
        {
            _control.ShowHostGrids(cells);
        }
    }

    /// <summary>Shows guest <paramref name="guest"/>'s full view: its grid and panels, and the keys act on it.</summary>
    private void ShowGuest(int guest)
    {
        if (guest != _guest)
        {
            _guests[_guest] = _start;
            _guest = guest;
            _start = _guests[guest];
            GridLayout layout = Navigator.Layout;
            TotalPages = GuestMemory.PagesFor(_start.Guest.MemoryBytes);
            Navigator = new GridNavigator(TotalPages);
            Navigator.Resize(layout);
            _control.SelectGuest(guest);
            PushView();
        }

        HostView.Value = false;
    }

    /// <summary>
    /// Takes a new frame from the simulation, and warns in the status line when a migration ended with pages that differ
    /// on the destination or when pages failed their poison check since the last frame.
    /// </summary>
    public void Take(SimFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        SimFrame? previous = Frame.Value;
        EventLog.Log.Take(frame);
        Frame.Value = frame;
        if (frame.Scenario is ScenarioFrame scenario)
        {
            FollowScenario(frame, scenario);
        }

        if (frame.Migration.Last is { MismatchedPages: > 0 } bad && !ReferenceEquals(bad, previous?.Migration.Last))
        {
            Say($"DATA MISMATCH after migration #{frame.Migration.Number}: {bad.MismatchedPages:N0} pages differ on the destination", warning: true);
        }
        else if (previous is not null && frame.Counts.PoisonErrorPages > previous.Counts.PoisonErrorPages)
        {
            Say($"pagealloc: memory corruption: {frame.Counts.PoisonErrorPages - previous.Counts.PoisonErrorPages:N0} pages failed the poison check", warning: true);
        }
        else if (frame.Migration.Last is { } ended && previous is not null && !ReferenceEquals(ended, previous.Migration.Last))
        {
            Say(PanelText.MigrationEnded(frame.Migration.Number, ended));
        }
    }

    /// <summary>Shows <paramref name="text"/> in the status line for a few seconds.</summary>
    public void Say(string text, bool warning = false) => Status.Value = new StatusMessage(text, warning, _time.GetTimestamp());

    /// <summary>Handles a key; returns false when no binding has it.</summary>
    public bool Press(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.Esc)
        {
            // Esc closes the help screen and nothing else: it never quits.
            if (HelpVisible.Value)
            {
                HelpVisible.Value = false;
                HelpScroll.Value = 0;
            }
            else
            {
                Say("Esc closes the help screen; q quits");
            }

            return true;
        }

        if (HelpVisible.Value && HelpScrollStep(key) is int step)
        {
            HelpScroll.Value = Math.Max(0, HelpScroll.Value + step);
            return true;
        }

        if (EventLog.TakeFilterChoice(key))
        {
            _changed.OnNext(Unit.Default);
            return true;
        }

        if (Frame.Value?.Scenario is { WaitingAtChapter: true } && (key == Key.Space || key == Key.CursorRight))
        {
            _control.ContinueScenario();
            _changed.OnNext(Unit.Default);
            return true;
        }

        if (Keys.Find(key) is not (KeyAction binding, int slot))
        {
            return false;
        }

        binding.Action(this, key, slot);
        _changed.OnNext(Unit.Default);
        return true;
    }

    /// <summary>
    /// Follows a scenario's steps in the view: a restart's guest of another size gets a grid of its own, and the zooms
    /// and selections the steps asked for since the last frame are made.
    /// </summary>
    private void FollowScenario(SimFrame frame, ScenarioFrame scenario)
    {
        if (frame.Counts.TotalPages != TotalPages)
        {
            GridLayout layout = Navigator.Layout;
            TotalPages = frame.Counts.TotalPages;
            Navigator = new GridNavigator(TotalPages);
            Navigator.Resize(layout);
            PushView();
        }

        if (scenario.Views.Length <= _scenarioViews)
        {
            return;
        }

        foreach (ViewAction view in scenario.Views[_scenarioViews..])
        {
            switch (view.Change)
            {
                case ViewChange.Zoom:
                    Navigator.Show(view.StartPfn, view.Pages);
                    break;
                case ViewChange.ZoomOut:
                    Navigator.Show(0, TotalPages);
                    break;
                default:
                    Navigator.SelectPage(view.StartPfn);
                    break;
            }
        }

        _scenarioViews = scenario.Views.Length;
        PushView();
    }

    /// <summary>The rows a key scrolls the help screen by, or null when it does not scroll it.</summary>
    private static int? HelpScrollStep(Key key) =>
        key == Key.CursorDown ? 1 : key == Key.CursorUp ? -1 : key == Key.PageDown ? 10 : key == Key.PageUp ? -10 : null;

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
        _changed.OnNext(Unit.Default);
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

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _changed.Dispose();
        _quit.Dispose();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private ReactiveCommand Command(Action execute, IObservable<bool>? canExecute = null) => Own(new ReactiveCommand(execute, canExecute));

    private FeatureState Features => Frame.Value!.Features;

    private void DoTogglePause()
    {
        bool paused = !_control.Paused;
        _control.SetPaused(paused);
        Say(paused ? "simulation paused (space resumes)" : $"simulation running at {_control.Speed}");
    }

    private void DoStepOnce()
    {
        if (!_control.Paused)
        {
            Say(". steps while paused: space pauses first");
            return;
        }

        _control.StepOnce();
    }

    private void Apply(GuestAction action)
    {
        if (action.Command is not null)
        {
            _control.Post(action.Command);
        }

        Say(action.Message);
    }

    /// <summary>A VM reset: the guest boots again, keeping the poisoning, device properties and workload in force now.</summary>
    private void DoRestart()
    {
        _control.Restart(GuestActions.RestartOptions(_start, Features));
        Say($"guest restarted: a fresh boot with {Features.Workload}, {PanelText.PoisonName(Features.Poison)}, {Features.Device}");
    }

    /// <summary>
    /// A guest twice or half the size, booted afresh with the options in force now; the grid shows the whole new guest.
    /// Refused, saying why, beyond <see cref="GuestActions.MinGuestBytes"/>–<see cref="GuestActions.MaxGuestBytes"/> or when
    /// the workload's size would not fit.
    /// </summary>
    private void Resize(bool grow)
    {
        SimulationOptions next = GuestActions.RestartOptions(_start, Features);
        if (!GuestActions.TryResize(next, grow, out SimulationOptions resized, out string message))
        {
            Say(message, warning: true);
            return;
        }

        _start = resized;
        TotalPages = GuestMemory.PagesFor(resized.Guest.MemoryBytes);
        Navigator = new GridNavigator(TotalPages);
        _control.Restart(resized);
        _control.ShowWindow(Navigator.Window);
        Say(message);
    }

    /// <summary>The guest's driver carries the other hinting design; that is guest kernel code, so the guest boots again.</summary>
    private void DoToggleHintDesign()
    {
        SimulationOptions next = GuestActions.RestartOptions(_start, Features);
        FreePageHintDesign design = next.Guest.HintDesign == FreePageHintDesign.Upstream ? FreePageHintDesign.V28 : FreePageHintDesign.Upstream;
        _start = next with { Guest = next.Guest with { HintDesign = design } };
        _control.Restart(_start);
        Say(design == FreePageHintDesign.V28
            ? "hinting design v28 (the seed's): free blocks hinted in place; unsafe with page_poison — the guest booted again"
            : "hinting design upstream: 4 MiB blocks held until DONE — the guest booted again");
    }

    private void DoNextTheme()
    {
        var problems = new List<string>();
        Theme.Value = _themes.Next(Theme.Value, problems);
        string now = $"theme: {Theme.Value.Name} — {Theme.Value.Description}";
        Say(problems.Count == 0 ? now : $"{string.Join("; ", problems)}; {now}", warning: problems.Count > 0);
    }

    private void DoZoomIn()
    {
        if (!Navigator.CanZoomIn)
        {
            Say("already one page per cell");
            return;
        }

        Navigator.ZoomIn();
        PushView();
    }

    private void DoZoomOut()
    {
        if (Navigator.ShowsAll)
        {
            Say("the whole guest is in view");
            return;
        }

        Navigator.ZoomOut();
        PushView();
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
