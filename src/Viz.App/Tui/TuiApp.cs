using System.Reactive.Concurrency;
using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Viz.App.Common;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Machine;

namespace Viz.App.Tui;

/// <summary>Starts the interactive visualizer: checks for a terminal, loads the themes, runs the simulation and the screen.</summary>
public static class TuiApp
{
    /// <summary>Main-loop iterations per second: enough for 30 frames a second, idle otherwise.</summary>
    public const int IterationsPerSecond = 30;

    /// <summary>Runs the visualizer until the user quits; returns the exit code.</summary>
    public static int Run(TuiOptions options, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        if (IsDumbTerminal(options.Environment("TERM")))
        {
            error.WriteLine("balloonviz: the visualizer needs a terminal that can move the cursor and draw colours, and TERM=dumb cannot.");
            error.WriteLine("For headless use, run 'balloonviz run', 'balloonviz migrate' or 'balloonviz compare' (each has --help).");
            return ExitCodes.UsageError;
        }

        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            error.WriteLine("balloonviz: the visualizer needs an interactive terminal, and stdin or stdout is not one.");
            error.WriteLine("For headless use, run 'balloonviz run' (see 'balloonviz run --help') or 'balloonviz bench'.");
            return ExitCodes.UsageError;
        }

        var themes = new ThemeCatalog([options.ThemesFolder, ThemeCatalog.UserFolder(options.Environment)], options.ColourDepth);
        Theme theme = ChooseTheme(themes, options.Theme, out string? problem);
        var runnerOptions = new RunnerOptions { Speed = options.Speed, Paused = options.Paused, Recorder = options.Recorder, Scenario = options.Scenario, StopAtChapters = options.StopAtChapters, Versus = options.Versus?.Change };
        using SimulationRunner runner = options.Host is HostSetup host
            ? new SimulationRunner(new HostMachine(host.Options, host.Guests, host.Policy, host.Names), runnerOptions)
            : new SimulationRunner(new GuestMachine(options.Simulation), runnerOptions);
#pragma warning disable CS0618 // The loop rate is only settable through the static property, before Create().
        Application.MaximumIterationsPerSecond = IterationsPerSecond;
#pragma warning restore CS0618
        using (IApplication app = Start(options.ColourDepth))
        {
            using var visualizer = new VisualizerViewModel(runner, themes, theme, options.Simulation, TimeProvider.System, options.Keys, options.Migration, options.Versus is null ? options.Host?.Guests : null, demo: options.Scenario is not null, options.Versus?.Names);
            using var window = new MainWindow(visualizer);
            using IDisposable quit = visualizer.QuitRequests.Subscribe(_ => app.RequestStop());
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOnSignal(app));
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal(app));
            using IDisposable frames = runner.Frames
                .ForScreen(FramePipeline.ScreenInterval, DefaultScheduler.Instance, new TuiScheduler(app))
                .Subscribe(window.ShowFrame, window.ShowFailure);
            if (problem is not null)
            {
                visualizer.Say(problem, warning: true);
            }

            runner.Start();
            app.Run(window);
        }

        // The simulation's thread ends here, so that a recording's last guest is still when its hash is taken.
        runner.Dispose();

        RestoreKeypad();

        if (problem is not null)
        {
            error.WriteLine($"balloonviz: {problem}");
        }

        return 0;
    }

    /// <summary>
    /// Starts Terminal.Gui writing colours as a terminal of <paramref name="depth"/> takes them: the 16 named colours,
    /// xterm palette indices (<see cref="Palette256Output"/>) or 24-bit codes. The choice overrides Terminal.Gui's own
    /// guess, which takes any TERM but linux and *-256color for a 24-bit terminal.
    /// </summary>
    public static IApplication Start(ColourDepth depth)
    {
        IApplication app = (depth == ColourDepth.Palette256 ? Palette256Output.CreateApplication() : null)?.Init()
            ?? Application.Create().Init(DriverRegistry.Names.ANSI);
        app.Driver!.Force16Colors = depth == ColourDepth.Sixteen;
        return app;
    }

    /// <summary>
    /// The theme called <paramref name="name"/> (or in the file it names). A theme whose file cannot be used falls back
    /// to the default, with <paramref name="problem"/> saying why; a name that matches no theme at all is bad input.
    /// </summary>
    public static Theme ChooseTheme(ThemeCatalog themes, string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(name);
        problem = null;
        if (themes.TryGet(name, out Theme? theme, out string why))
        {
            return theme;
        }

        if (!themes.Names.Contains(Path.GetFileNameWithoutExtension(name), StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException(why);
        }

        problem = why;
        themes.TryGet(ThemeLoader.DefaultName, out Theme? standard, out _);
        return standard!;
    }

    /// <summary>Whether <paramref name="term"/> names a terminal without cursor addressing (terminfo's "dumb").</summary>
    public static bool IsDumbTerminal(string? term) => string.Equals(term, "dumb", StringComparison.Ordinal);

    /// <summary>
    /// Gives back the key modes the driver switched on and leaves on: normal cursor keys (DECCKM off, ESC [?1l) and the
    /// numeric keypad (DECKPNM, ESC &gt;), so the shell's arrow keys work after the visualizer exits.
    /// </summary>
    private static void RestoreKeypad()
    {
        Console.Out.Write("\u001b[?1l\u001b>");
        Console.Out.Flush();
    }

    private static Action<PosixSignalContext> StopOnSignal(IApplication app) => context =>
    {
        context.Cancel = true;
        app.Invoke(app.RequestStop);
    };
}
