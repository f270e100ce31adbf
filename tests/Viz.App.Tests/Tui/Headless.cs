using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Testing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Viz.App.Tui;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;

namespace Viz.App.Tests.Tui;

/// <summary>A headless Terminal.Gui application with a visualizer screen on a recording control, or a bare view.</summary>
internal sealed class Headless : IDisposable
{
    private readonly SessionToken? _token;
    private readonly IDisposable[] _owned;

    private Headless(IApplication app, View top, params IDisposable[] owned)
    {
        App = app;
        Top = top;
        _owned = owned;
        _token = app.Begin((IRunnable)top);
        app.LayoutAndDraw(forceRedraw: true);
    }

    public IApplication App { get; }

    public View Top { get; }

    /// <summary>The screen as plain text.</summary>
    public string Text => App.Driver!.ToString()!;

    /// <summary>The screen as the escape sequences that draw it, colours included.</summary>
    public string Ansi() => App.Driver!.ToAnsi();

    /// <summary>The shipped themes' catalog, from the test's output folder.</summary>
    public static ThemeCatalog ShippedCatalog(ColourDepth depth = ColourDepth.TrueColor) => new([ThemeLoader.DefaultFolder], depth);

    /// <summary>Every shipped theme, loaded, in cycle order.</summary>
    public static IReadOnlyList<Theme> ShippedThemes(ColourDepth depth = ColourDepth.TrueColor)
    {
        ThemeCatalog catalog = ShippedCatalog(depth);
        return [.. catalog.Names.Select(name => Assert.IsType<Theme>(catalog.TryGet(name, out Theme? theme, out string problem) ? theme : throw new InvalidOperationException(problem)))];
    }

    /// <summary>A 64 MiB guest's options.</summary>
    public static SimulationOptions SmallGuest { get; } = new() { Guest = new GuestOptions { MemoryBytes = 64L << 20 } };

    /// <summary>
    /// A visualizer screen of <paramref name="columns"/>×<paramref name="rows"/> over a recording control, showing the
    /// frames its loop publishes.
    /// </summary>
    public static Headless Visualizer(
        int columns, int rows, RecordingControl control, out VisualizerViewModel visualizer, ColourDepth depth = ColourDepth.TrueColor, string themeName = ThemeLoader.DefaultName,
        KeyMap? keys = null, IReadOnlyList<SimulationOptions>? hostGuests = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        IApplication app = TuiApp.Start(depth);
        app.Driver!.SetScreenSize(columns, rows);
        ThemeCatalog catalog = ShippedCatalog(depth);
        Assert.True(catalog.TryGet(themeName, out Theme? theme, out _));
        visualizer = new VisualizerViewModel(control, catalog, theme, hostGuests?[0] ?? SmallGuest, TimeProvider.System, keys, hostGuests: hostGuests);
        var window = new MainWindow(visualizer);
        IDisposable frames = control.Loop.Frames.Subscribe(window.ShowFrame);
        return new Headless(app, window, frames, visualizer);
    }

    /// <summary>A bare <paramref name="view"/> on a screen of <paramref name="columns"/>×<paramref name="rows"/>.</summary>
    public static Headless View(int columns, int rows, View view)
    {
        IApplication app = Application.Create().Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(columns, rows);
        var top = new Runnable { Width = Dim.Fill(), Height = Dim.Fill() };
        top.Add(view);
        return new Headless(app, top);
    }

    /// <summary>A real frame of a small simulation.</summary>
    public static SimFrame Frame(GridWindow window)
    {
        using var builder = new FrameBuilder(new GuestMachine(SmallGuest));
        return builder.Build(window, (0, 16), SimulationSpeed.RealTime, false, 1);
    }

    /// <summary>A visualizer screen over <paramref name="control"/>, showing the simulation's first frame.</summary>
    public static Headless Open(
        RecordingControl control, out VisualizerViewModel visualizer, int columns = 140, int rows = 45, KeyMap? keys = null, IReadOnlyList<SimulationOptions>? hostGuests = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        Headless screen = Visualizer(columns, rows, control, out visualizer, keys: keys, hostGuests: hostGuests);
        control.Pump();
        screen.Draw();
        return screen;
    }

    /// <summary>A key press, then the simulation applies what it asked for and the screen shows the next frame.</summary>
    public void Press(RecordingControl control, Terminal.Gui.Input.Key key)
    {
        ArgumentNullException.ThrowIfNull(control);
        App.InjectKey(key);
        control.Pump();
        Draw();
    }

    public void Draw() => App.LayoutAndDraw(forceRedraw: false);

    public void Dispose()
    {
        if (_token is not null)
        {
            App.End(_token);
        }

        Top.Dispose();
        App.Dispose();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }
    }
}
