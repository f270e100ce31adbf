using Terminal.Gui.Input;
using Viz.App.Tui;

namespace Viz.App.Tests.Tui;

public sealed class KeyMapTests
{
    [Fact]
    public void No_character_triggers_two_bindings_in_the_shipped_map()
    {
        var characters = KeyMap.Default.All.SelectMany(b => b.Slots.SelectMany(s => s)).ToList();
        Assert.Equal(characters.Count, characters.Distinct().Count());
    }

    [Fact]
    public void A_rebound_key_triggers_its_binding_and_the_old_one_nothing()
    {
        Assert.True(KeyMap.Default.TryRebind(new Dictionary<string, string> { ["migrate"] = "j", ["speed"] = "><" }, out KeyMap? map, out string problem), problem);
        Assert.Equal(("migrate", 0), Named(map.Find(Key.J)));
        Assert.Null(map.Find(Key.M));
        Assert.Equal(("speed", 0), Named(map.Find(new Key('>'))));
        Assert.Equal(("speed", 1), Named(map.Find(new Key('<'))));
        Assert.Null(map.Find(new Key('+')));
        Assert.Equal(("ping-pong", 0), Named(map.Find(Key.M.WithShift)));
        Assert.Equal(("help", 0), Named(map.Find(Key.F1)));
        Assert.Contains("[>/<] speed", map.StatusHints(200), StringComparison.Ordinal);
        Assert.Contains("[j] migrate", map.StatusHints(200), StringComparison.Ordinal);
        Assert.Equal("j", map.All.Single(b => b.Name == "migrate").Label);
    }

    [Theory]
    [InlineData("migrat", "j", "'migrat' is no key binding")]
    [InlineData("select", "j", "'select' is no key binding")]
    [InlineData("speed", "+", "speed takes 2 characters")]
    [InlineData("migrate", "jk", "migrate takes 1 character")]
    [InlineData("migrate", "5", "'5' cannot be a key")]
    [InlineData("migrate", "\u001b", "cannot be a key")]
    [InlineData("migrate", "M", "'M' is bound to both migrate and ping-pong")]
    [InlineData("migrate", "q", "'q' is bound to both quit and migrate")]
    public void A_rebinding_that_cannot_work_is_refused_saying_why(string name, string keys, string expected)
    {
        Assert.False(KeyMap.Default.TryRebind(new Dictionary<string, string> { [name] = keys }, out KeyMap? map, out string problem));
        Assert.Null(map);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapping_two_bindings_works_when_both_are_given()
    {
        Assert.True(KeyMap.Default.TryRebind(new Dictionary<string, string> { ["migrate"] = "M", ["ping-pong"] = "m" }, out KeyMap? map, out string problem), problem);
        Assert.Equal(("ping-pong", 0), Named(map.Find(Key.M)));
        Assert.Equal(("migrate", 0), Named(map.Find(Key.M.WithShift)));
    }

    [Fact]
    public void The_help_screen_and_the_keys_pressed_follow_the_rebound_map()
    {
        Assert.True(KeyMap.Default.TryRebind(new Dictionary<string, string> { ["pause"] = "k" }, out KeyMap? map, out _));
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer, keys: map);
        bool paused = control.Loop.Paused;
        screen.Press(control, Key.K);
        Assert.NotEqual(paused, control.Loop.Paused);
        screen.Press(control, Key.Space);
        Assert.NotEqual(paused, control.Loop.Paused);
        screen.Press(control, Key.F1);
        Assert.Contains("k  ", screen.Text, StringComparison.Ordinal);
        Assert.Contains("pause / resume the simulation", screen.Text, StringComparison.Ordinal);
        Assert.Same(map, visualizer.Keys);
    }

    [Fact]
    public void The_help_screen_wraps_long_descriptions_at_80_columns_instead_of_cutting_them()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _, columns: 80, rows: 24);
        screen.Press(control, Key.F1);
        var seen = new System.Text.StringBuilder(screen.Text);
        for (int i = 0; i < 40; i++)
        {
            screen.Press(control, Key.CursorDown);
            seen.Append(screen.Text);
        }

        string help = seen.ToString();
        Assert.Contains("init_on_free=1", help, StringComparison.Ordinal);
        Assert.Contains("migration)", help, StringComparison.Ordinal);
        Assert.Contains("discarded it", help, StringComparison.Ordinal);
    }

    private static (string, int)? Named((KeyAction Binding, int Slot)? found) =>
        found is (KeyAction binding, int slot) ? (binding.Name, slot) : null;
}
