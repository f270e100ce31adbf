using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Tui;

/// <summary>
/// Renders a scenario into an asciinema recording from the visualizer's own screen: the real window and view model
/// drawn by Terminal.Gui's ANSI driver into a screen of the asked size, with no terminal attached, the simulation
/// paced by a virtual wall clock at ten frames a second, and each frame's screen (the driver's ANSI text) handed to an
/// <see cref="AsciicastWriter"/>. Where a live demo waits for the presenter, the recording holds the chapter's first
/// screen for <see cref="ChapterHold"/> and goes on.
/// </summary>
public static class CastRenderer
{
    /// <summary>The recording's frame interval: ten frames a second.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a chapter mark's screen is held, for the viewer to read the caption.</summary>
    public static readonly TimeSpan ChapterHold = TimeSpan.FromSeconds(3);

    /// <summary>How long the last screen stays after the last step.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Renders <paramref name="scenario"/> at <paramref name="width"/>×<paramref name="height"/> into
    /// <paramref name="output"/>, for at most <paramref name="maxLength"/> of recording; returns the recording's length.
    /// </summary>
    public static TimeSpan Render(Scenario scenario, TextWriter output, int width, int height, Theme theme, ThemeCatalog themes, TimeSpan maxLength)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var clock = new VirtualWallClock();
        var writer = new AsciicastWriter(output, width, height, scenario.Title);
        using var loop = new SimulationLoop(new GuestMachine(scenario.Options), new RunnerOptions
        {
            Time = clock,
            FrameInterval = FrameInterval,
            Scenario = scenario,
            StopAtChapters = true,
        });
        using IApplication app = Application.Create().Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(width, height);
        using var visualizer = new VisualizerViewModel(loop, themes, theme, scenario.Options, clock, KeyMap.Default, scenario.Migration, demo: true);
        using var window = new MainWindow(visualizer);
        using IDisposable frames = loop.Frames.Subscribe(window.ShowFrame);
        SessionToken? session = app.Begin(window);
        TimeSpan now = TimeSpan.Zero, held = TimeSpan.Zero, tail = TimeSpan.Zero;
        try
        {
            while (now < maxLength && tail < Tail)
            {
                loop.RunOnce();
                app.LayoutAndDraw(forceRedraw: false);
                writer.Screen(now.TotalSeconds, app.Driver.ToAnsi());
                ScenarioFrame? shown = visualizer.Frame.Value?.Scenario;
                held = shown?.WaitingAtChapter == true ? held + FrameInterval : TimeSpan.Zero;
                if (held >= ChapterHold)
                {
                    loop.ContinueScenario();
                }

                tail = shown?.Done == true ? tail + FrameInterval : TimeSpan.Zero;
                clock.Advance(FrameInterval);
                now += FrameInterval;
            }
        }
        finally
        {
            if (session is not null)
            {
                app.End(session);
            }
        }

        return now;
    }

    /// <summary>A wall clock that moves only when told to: the recording's time, not the machine's.</summary>
    private sealed class VirtualWallClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
