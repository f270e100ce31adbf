using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Viz.App.Tui;
using Viz.Pipeline;

namespace Viz.App.Tests.Tui;

/// <summary>The visualizer's screen at the sizes users have: projector, laptop, too small; the help and status bar fitting.</summary>
public class MainWindowLayoutTests
{
    [Fact]
    public void The_grid_asks_the_simulation_for_a_window_the_size_of_the_screen()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        GridWindow window = Assert.Single(control.Windows.Distinct());
        Assert.Equal(16_384, window.PageCount);
        Assert.Equal((140 - ScreenLayout.SideWidth - 1) * 2 * visualizer.Navigator.Layout.Rows, window.Cells);
    }

    [Fact]
    public void The_status_bar_shows_whole_key_hints_from_the_key_map()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _, columns: 80, rows: 24);
        string status = screen.Text.Split('\n')[23].TrimEnd();

        // The status bar draws "[k]" as a highlighted k.
        static string Drawn(string hints) => hints.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        Assert.Equal(Drawn(KeyMap.Default.StatusHints(80)), status);
        Assert.EndsWith(KeyMap.Default.All.Select(k => k.StatusHint).OfType<string>().Last(h => status.Contains(Drawn(h), StringComparison.Ordinal)).Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal), status, StringComparison.Ordinal);
    }

    [Fact]
    public void A_laptop_terminal_gets_the_grid_legend_and_log_without_the_side_panels()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer, columns: 80, rows: 24);
        string text = screen.Text;
        Assert.Contains("mixed cell:", text, StringComparison.Ordinal);
        Assert.Contains("Events", text, StringComparison.Ordinal);
        Assert.Contains($"panels need {MainWindow.PanelColumns} columns", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Counters", text, StringComparison.Ordinal);
        Assert.Equal(80, visualizer.Navigator.Layout.Columns);
        Assert.Equal(visualizer.Navigator.Window, control.Windows[^1]);
    }

    [Fact]
    public void A_terminal_too_small_shows_the_minimum_size_instead_of_the_layout()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _, columns: 50, rows: 15);
        string text = string.Join(' ', screen.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Terminal too small: need {MainWindow.MinColumns}×{MainWindow.MinRows} ({MainWindow.PanelColumns} columns for the side panels), have 50×15", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Events", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_projector_terminal_of_120_by_35_keeps_the_migration_features_and_counters_panels()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _, columns: 120, rows: 35);
        string text = screen.Text;
        foreach (string figure in new[] { "Migration", "last: legacy", "Features", "poison (p)", "Counters", "host RSS", "OOM events", "mixed cell:", "Events" })
        {
            Assert.Contains(figure, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_laptop_terminal_of_80_by_24_shows_the_key_figures_in_a_summary_line()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _, columns: 80, rows: 24);
        string summary = screen.Text.Split('\n')[1];
        foreach (string figure in new[] { "host RSS", "free", "OOM 0", "migrated: legacy -, hinting -" })
        {
            Assert.Contains(figure, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void L_hides_the_event_log_and_shift_L_the_legend_giving_the_grid_their_rows()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        int rows = visualizer.Navigator.Layout.Rows;
        screen.Press(control, new Key('l'));
        Assert.DoesNotContain("Events", screen.Text, StringComparison.Ordinal);
        screen.Press(control, new Key('L'));
        Assert.DoesNotContain("mixed cell:", screen.Text, StringComparison.Ordinal);
        Assert.True(visualizer.Navigator.Layout.Rows > rows);
    }

    [Fact]
    public void On_a_short_terminal_the_help_scrolls_to_every_key_and_state()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer, columns: 120, rows: 35);
        screen.Press(control, new Key('?'));
        Assert.Contains("more below", screen.Text, StringComparison.Ordinal);
        var seen = new System.Text.StringBuilder(screen.Text);
        for (int i = 0; i < 5; i++)
        {
            screen.Press(control, Key.PageDown);
            seen.Append(screen.Text);
        }

        Assert.Contains("end of help", screen.Text, StringComparison.Ordinal);
        Assert.All(KeyMap.Default.All, k => Assert.Contains(k.Description, seen.ToString(), StringComparison.Ordinal));
        Assert.All(CellStates.Shown, s => Assert.Contains(s.Meaning(), seen.ToString(), StringComparison.Ordinal));
        screen.Press(control, Key.Esc);
        Assert.False(visualizer.HelpVisible.Value);
        Assert.Equal(0, visualizer.HelpScroll.Value);
    }
}
