using Terminal.Gui.Input;
using Viz.Simulation.Units;

namespace Viz.App.Tui;

/// <summary>
/// Every key of the visualizer, in the order the help screen lists them: the one place keys are defined. The default
/// map can be rebound by name (<see cref="TryRebind"/>), from --keys or a config file's [keys] table.
/// </summary>
public sealed class KeyMap
{
    private KeyMap(IReadOnlyList<KeyAction> all) => All = all;

    /// <summary>The keys as shipped.</summary>
    public static KeyMap Default { get; } = new(
    [
        new("help", "help: every key and what each colour means", ["?"], [Key.F1], "F1", (v, _, _) => v.ToggleHelp.Execute(), "help"),
        new("quit", "quit (Esc only closes the help screen)", ["q"], [Key.C.WithCtrl], "Ctrl+C", (v, _, _) => v.Quit.Execute(), "quit"),
        new("pause", "pause / resume the simulation", [" "], [], string.Empty, (v, _, _) => v.TogglePause.Execute(), "pause"),
        new("step", "while paused: one step (10 ms of simulated time)", ["."], [], string.Empty, (v, _, _) => v.StepOnce.Execute(), "step"),
        new("speed", "faster / slower: ×0.1 ... ×100, then flat out", ["+=", "-_"], [], string.Empty, (v, _, slot) => (slot == 0 ? v.Faster : v.Slower).Execute(), "speed"),
        new("poison", "cycle the guest's poison mode: off, page_poison=1, init_on_free=1", ["p"], [], string.Empty, (v, _, _) => v.CyclePoison.Execute(), "poison"),
        new("init-on-alloc", "toggle init_on_alloc=1", ["a"], [], string.Empty, (v, _, _) => v.ToggleInitOnAlloc.Execute()),
        new("workload", "cycle the workload: idle, build, hog, pagecache, freed", ["w"], [], string.Empty, (v, _, _) => v.CycleWorkload.Execute(), "workload"),
        new("hinting", "free page hinting on / off (device reset; hints flow during a migration)", ["h"], [], string.Empty, (v, _, _) => v.ToggleHinting.Execute(), "hinting"),
        new("hint-run", "Firecracker-style hint run start / stop (with --hint-mode discard): the host discards each hinted range", ["H"], [], string.Empty, (v, _, _) => v.ToggleHintRun.Execute()),
        new("reporting", "free page reporting on / off (device reset)", ["r"], [], string.Empty, (v, _, _) => v.ToggleReporting.Execute(), "reporting"),
        new("deflate-on-oom", "deflate-on-oom on / off (device reset)", ["o"], [], string.Empty, (v, _, _) => v.ToggleDeflateOnOom.Execute()),
        new("restart", "restart the guest: a fresh boot with the options in force now", ["x"], [], string.Empty, (v, _, _) => v.Restart.Execute()),
        new("hint-design", "hinting design: upstream (blocks held until DONE) or the seed's v28 (hinted in place); a fresh boot", ["v"], [], string.Empty, (v, _, _) => v.ToggleHintDesign.Execute()),
        new("guest-size", "guest size ×2 / ÷2 (64 MiB ... 64 GiB): restarts the guest with the options in force now", ["g", "G"], [], string.Empty, (v, _, slot) => (slot == 0 ? v.GrowGuest : v.ShrinkGuest).Execute()),
        new("balloon", "inflate / deflate the balloon by an eighth of the guest", ["i", "d"], [], string.Empty, (v, _, slot) => (slot == 0 ? v.Inflate : v.Deflate).Execute(), "balloon"),
        new("migrate", "start / cancel a live migration", ["m"], [], string.Empty, (v, _, _) => v.ToggleMigration.Execute(), "migrate"),
        new("ping-pong", "start / cancel ping-pong migration (back and forth)", ["M"], [], string.Empty, (v, _, _) => v.TogglePingPong.Execute(), "ping-pong"),
        new("theme", "next theme", ["t"], [], string.Empty, (v, _, _) => v.NextTheme.Execute()),
        new("zoom", "zoom in on the selection (down to one page per cell) / zoom out", ["z", "Z"], [], string.Empty, (v, _, slot) => (slot == 0 ? v.ZoomIn : v.ZoomOut).Execute()),
        new("select", "move the selection; a click on the grid selects a cell", [], [Key.CursorLeft, Key.CursorRight, Key.CursorUp, Key.CursorDown], "arrows", (v, k, _) => v.MoveCursor(k)),
        new("log-pause", "pause / resume the event log", ["e"], [], string.Empty, (v, _, _) => v.EventLog.TogglePause.Execute()),
        new("log-filter", "filter the event log by kind: the status bar numbers the kinds seen, a digit picks one (0: all)", ["f"], [], string.Empty, (v, _, _) => v.EventLog.ChooseFilter.Execute()),
        new("log-bursts", "event log: every alloc and free burst, or one summary line per source (the default)", ["b"], [], string.Empty, (v, _, _) => v.EventLog.ToggleBursts.Execute()),
        new("panes", "show / hide the event log or the legend: more room for the grid", ["l", "L"], [], string.Empty, (v, _, slot) => (slot == 0 ? v.EventLog.ToggleVisible : v.ToggleLegend).Execute()),
        new("scroll", "scroll the event log (or the wheel); End follows it again", [], [Key.PageUp, Key.PageDown, Key.End], "PgUp PgDn End", (v, k, _) => v.EventLog.Scroll(k)),
        new("guests", "several guests: Tab the next guest (then the host view), 1-9 that guest, 0 the host view", [], [Key.Tab, Key.D0, Key.D1, Key.D2, Key.D3, Key.D4, Key.D5, Key.D6, Key.D7, Key.D8, Key.D9], "Tab 0-9", (v, k, _) => v.GuestKey(k)),
    ]);

    /// <summary>All bindings, in the help screen's order.</summary>
    public IReadOnlyList<KeyAction> All { get; }

    /// <summary>The names a [keys] table or --keys can rebind, with the number of characters each takes.</summary>
    public IEnumerable<(string Name, int Slots)> Rebindable => All.Where(b => b.Slots.Length > 0).Select(b => (b.Name, b.Slots.Length));

    /// <summary>
    /// This map with the bindings named in <paramref name="characters"/> given new characters (one per slot: "speed" =
    /// "+-"). False, with one line saying why, for an unknown name, the wrong number of characters, a character that is
    /// no key (a control character, a digit: digits pick the log filter after f) or one character bound twice.
    /// </summary>
    public bool TryRebind(IReadOnlyDictionary<string, string> characters, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KeyMap? map, out string problem)
    {
        ArgumentNullException.ThrowIfNull(characters);
        map = null;
        var rebound = All.ToList();
        foreach ((string name, string keys) in characters)
        {
            int at = rebound.FindIndex(b => b.Name == name && b.Slots.Length > 0);
            if (at < 0)
            {
                problem = $"{Quoting.Quote(name)} is no key binding; the bindings are {string.Join(", ", Rebindable.Select(r => r.Name))}";
                return false;
            }

            if (keys.Length != rebound[at].Slots.Length)
            {
                problem = $"{name} takes {rebound[at].Slots.Length} character{(rebound[at].Slots.Length == 1 ? string.Empty : "s")} ({DescribeSlots(rebound[at])}), not {Quoting.Quote(keys)}";
                return false;
            }

            if (keys.FirstOrDefault(c => char.IsControl(c) || char.IsDigit(c) || char.IsSurrogate(c)) is char bad and not '\0')
            {
                problem = $"{name}: {Quoting.Quote(bad.ToString())} cannot be a key (digits pick the event log's filter after f)";
                return false;
            }

            rebound[at] = rebound[at].Rebound(keys);
        }

        var owner = new Dictionary<char, string>();
        foreach (KeyAction binding in rebound)
        {
            foreach (char c in binding.Slots.SelectMany(s => s).Distinct())
            {
                if (owner.TryGetValue(c, out string? other) && other != binding.Name)
                {
                    problem = $"{Quoting.Quote(c.ToString())} is bound to both {other} and {binding.Name}";
                    return false;
                }

                owner[c] = binding.Name;
            }
        }

        map = new KeyMap(rebound);
        problem = string.Empty;
        return true;
    }

    /// <summary>
    /// The status bar's key hints, in the key map's order, as many whole hints as fit in <paramref name="width"/>
    /// columns (a hint is never cut).
    /// </summary>
    public string StatusHints(int width)
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

    /// <summary>
    /// How the binding called <paramref name="name"/> is written where a panel names it ("p", "i/d") and the key that
    /// triggers its first slot; an unknown or unbound name gives "-" and no key.
    /// </summary>
    public (string Label, Key? Key) Shortcut(string name)
    {
        KeyAction? binding = All.FirstOrDefault(b => b.Name == name && b.Slots.Length > 0);
        return binding is null ? ("-", null) : (string.Join("/", binding.Slots.Select(s => s[0])), new Key(binding.Slots[0][0]));
    }

    /// <summary>The binding <paramref name="key"/> triggers and its slot, or null.</summary>
    public (KeyAction Binding, int Slot)? Find(Key key)
    {
        foreach (KeyAction binding in All)
        {
            int slot = binding.SlotOf(key);
            if (slot >= 0)
            {
                return (binding, slot);
            }
        }

        return null;
    }

    private static string DescribeSlots(KeyAction binding) =>
        $"one per thing it does, in the order of its keys now: {Quoting.Quote(string.Concat(binding.Slots.Select(s => s[0])))}";
}
