using Terminal.Gui.Input;

namespace Viz.App.Tui;

/// <summary>Every key of the visualizer, in the order the help screen lists them. The one place keys are defined.</summary>
public static class KeyMap
{
    /// <summary>All bindings.</summary>
    public static IReadOnlyList<KeyAction> All { get; } =
    [
        new("?  F1", "help: every key and what each colour means", "?", [Key.F1], (v, _) => v.ToggleHelp.Execute(), "[?] help"),
        new("q  Ctrl+C", "quit (Esc only closes the help screen)", "q", [Key.C.WithCtrl], (v, _) => v.Quit.Execute(), "[q] quit"),
        new("space", "pause / resume the simulation", " ", [Key.Space], (v, _) => v.TogglePause.Execute(), "[space] pause"),
        new(".", "while paused: one step (10 ms of simulated time)", ".", [], (v, _) => v.StepOnce.Execute(), "[.] step"),
        new("+  -", "faster / slower: ×0.1 ... ×100, then flat out", "+=-_", [], (v, k) => Faster(v, k), "[+/-] speed"),
        new("p", "cycle the guest's poison mode: off, page_poison=1, init_on_free=1", "p", [], (v, _) => v.CyclePoison.Execute(), "[p] poison"),
        new("a", "toggle init_on_alloc=1", "a", [], (v, _) => v.ToggleInitOnAlloc.Execute()),
        new("w", "cycle the workload: idle, build, hog, pagecache", "w", [], (v, _) => v.CycleWorkload.Execute(), "[w] workload"),
        new("h", "free page hinting on / off (device reset; hints flow during a migration)", "h", [], (v, _) => v.ToggleHinting.Execute(), "[h] hinting"),
        new("r", "free page reporting on / off (device reset)", "r", [], (v, _) => v.ToggleReporting.Execute(), "[r] reporting"),
        new("o", "deflate-on-oom on / off (device reset)", "o", [], (v, _) => v.ToggleDeflateOnOom.Execute()),
        new("x", "restart the guest: a fresh boot with the options in force now", "x", [], (v, _) => v.Restart.Execute()),
        new("i  d", "inflate / deflate the balloon by an eighth of the guest", "id", [], (v, k) => (KeyAction.Typed(k) == 'i' ? v.Inflate : v.Deflate).Execute(), "[i/d] balloon"),
        new("m", "start / cancel a live migration", "m", [], (v, _) => v.ToggleMigration.Execute(), "[m] migrate"),
        new("M", "start / cancel ping-pong migration (back and forth)", "M", [], (v, _) => v.TogglePingPong.Execute(), "[M] ping-pong"),
        new("t", "next theme", "t", [], (v, _) => v.NextTheme.Execute()),
        new("z  Z", "zoom in on the selection (down to one page per cell) / zoom out", "zZ", [], (v, k) => Zoom(v, k)),
        new("arrows", "move the selection; a click on the grid selects a cell", string.Empty, [Key.CursorLeft, Key.CursorRight, Key.CursorUp, Key.CursorDown], (v, k) => v.MoveCursor(k)),
        new("e", "pause / resume the event log", "e", [], (v, _) => v.EventLog.TogglePause.Execute()),
        new("f", "filter the event log by kind: the status bar numbers the kinds seen, a digit picks one (0: all)", "f", [], (v, _) => v.EventLog.ChooseFilter.Execute()),
        new("b", "event log: every alloc and free burst, or one summary line per source (the default)", "b", [], (v, _) => v.EventLog.ToggleBursts.Execute()),
        new("l  L", "show / hide the event log (l) or the legend (L): more room for the grid", "lL", [], (v, k) => (KeyAction.Typed(k) == 'l' ? v.EventLog.ToggleVisible : v.ToggleLegend).Execute()),
        new("PgUp PgDn End", "scroll the event log (or the wheel); End follows it again", string.Empty, [Key.PageUp, Key.PageDown, Key.End], (v, k) => v.EventLog.Scroll(k)),
    ];

    /// <summary>
    /// The status bar's key hints, in the key map's order, as many whole hints as fit in <paramref name="width"/>
    /// columns (a hint is never cut).
    /// </summary>
    public static string StatusHints(int width)
    {
        string hints = string.Empty;
        foreach (string hint in All.Select(b => b.StatusHint).OfType<string>())
        {
            string longer = hints.Length == 0 ? hint : hints + "  " + hint;
            if (longer.Length > width)
            {
                break;
            }

            hints = longer;
        }

        return hints;
    }

    /// <summary>The binding <paramref name="key"/> triggers, or null.</summary>
    public static KeyAction? Find(Key key) => All.FirstOrDefault(b => b.Matches(key));

    private static void Faster(VisualizerViewModel visualizer, Key key)
    {
        if (KeyAction.Typed(key) is '+' or '=')
        {
            visualizer.Faster.Execute();
        }
        else
        {
            visualizer.Slower.Execute();
        }
    }

    private static void Zoom(VisualizerViewModel visualizer, Key key)
    {
        if (KeyAction.Typed(key) == 'z')
        {
            visualizer.ZoomIn.Execute();
        }
        else
        {
            visualizer.ZoomOut.Execute();
        }
    }
}
