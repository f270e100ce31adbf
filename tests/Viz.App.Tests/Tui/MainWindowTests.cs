using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Viz.App.Tui;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Tui;

public class MainWindowTests
{
    [Fact]
    public void The_legend_the_panels_and_the_status_bar_are_on_screen()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        string text = screen.Text;
        foreach (CellState state in CellStates.Shown)
        {
            Assert.Contains(state.Label(), text, StringComparison.Ordinal);
        }

        Assert.Contains("mixed cell:", text, StringComparison.Ordinal);
        Assert.Contains("? help", text, StringComparison.Ordinal);
        Assert.Contains("q quit", text, StringComparison.Ordinal);
        Assert.Contains("Counters", text, StringComparison.Ordinal);
        Assert.Contains("Features", text, StringComparison.Ordinal);
        Assert.Contains("Selected cell", text, StringComparison.Ordinal);
        Assert.Contains("Events", text, StringComparison.Ordinal);
        Assert.Contains("64 MiB guest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void P_cycles_the_poison_mode_through_the_simulation()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, Key.P);
        screen.Press(control, Key.P);
        screen.Press(control, Key.P);
        Assert.Equal(
            [new SetPoisoningCommand(PoisonMode.PagePoison, false), new SetPoisoningCommand(PoisonMode.InitOnFree, false), new SetPoisoningCommand(PoisonMode.Off, false)],
            control.Commands);
    }

    [Fact]
    public void A_toggles_init_on_alloc_keeping_the_poison_mode()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, Key.P);
        screen.Press(control, Key.A);
        Assert.Equal(new SetPoisoningCommand(PoisonMode.PagePoison, true), control.Commands[^1]);
    }

    [Fact]
    public void W_cycles_the_workload_through_the_simulation()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, Key.W);
        screen.Press(control, Key.W);
        Assert.Equal(
            [new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Build)), new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Hog))],
            control.Commands);
        Assert.Contains("workload: hog", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Space_pauses_and_plus_and_minus_change_the_speed()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        Assert.True(control.Paused);
        screen.Press(control, Key.Space);
        Assert.False(control.Paused);
        screen.Press(control, new Key('+'));
        Assert.Equal(new SimulationSpeed(2), control.Speed);
        screen.Press(control, new Key('-'));
        screen.Press(control, new Key('-'));
        Assert.Equal(new SimulationSpeed(0.5), control.Speed);
        screen.Press(control, Key.Space);
        Assert.True(control.Paused);
    }

    [Fact]
    public void H_and_r_toggle_the_devices_hinting_and_reporting_properties_as_a_device_reset()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, new Key('h'));
        Assert.True(Assert.IsType<SetDevicePropertiesCommand>(control.Commands[^1]).Properties.FreePageHint);
        screen.Press(control, new Key('r'));
        SetDevicePropertiesCommand both = Assert.IsType<SetDevicePropertiesCommand>(control.Commands[^1]);
        Assert.True(both.Properties.FreePageHint && both.Properties.FreePageReporting);
        screen.Press(control, new Key('h'));
        Assert.False(Assert.IsType<SetDevicePropertiesCommand>(control.Commands[^1]).Properties.FreePageHint);
        Assert.Contains("free-page-hint=off: device reset and renegotiated", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void I_and_d_set_a_bigger_and_a_smaller_balloon_target()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, new Key('i'));
        screen.Press(control, new Key('i'));
        control.Run(TimeSpan.FromSeconds(2));
        screen.Press(control, new Key('d'));
        long[] targets = [.. control.Commands.OfType<SetBalloonTargetCommand>().Select(c => c.Bytes)];
        Assert.Equal(3, targets.Length);
        Assert.True(targets[0] > 0 && targets[1] == 2 * targets[0] && targets[2] == targets[0]);
    }

    [Fact]
    public void M_starts_a_migration_a_second_m_cancels_it_and_shift_M_starts_a_ping_pong()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, new Key('m'));
        Assert.False(Assert.IsType<StartMigrationCommand>(control.Commands[^1]).Parameters.PingPong);
        screen.Press(control, new Key('m'));
        Assert.IsType<CancelMigrationCommand>(control.Commands[^1]);
        screen.Press(control, new Key('M'));
        Assert.True(Assert.IsType<StartMigrationCommand>(control.Commands[^1]).Parameters.PingPong);
    }

    [Fact]
    public void After_a_device_reset_i_inflates_from_the_new_devices_target_not_the_old_one()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        screen.Press(control, new Key('i'));
        screen.Press(control, new Key('i'));
        screen.Press(control, new Key('h'));
        screen.Press(control, new Key('i'));
        long[] targets = [.. control.Commands.OfType<SetBalloonTargetCommand>().Select(c => c.Bytes)];
        Assert.Equal(targets[0], targets[2]);
    }

    [Fact]
    public void D_never_sets_a_target_above_the_balloons_size_and_i_says_why_it_stops_at_seven_eighths()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        for (int i = 0; i < 8; i++)
        {
            screen.Press(control, new Key('i'));
        }

        Assert.Equal(7, control.Commands.OfType<SetBalloonTargetCommand>().Count());
        Assert.Contains("the guest keeps at least an eighth", screen.Text, StringComparison.Ordinal);

        // Nothing inflated yet (the simulation is paused): a deflate goes down from the balloon's size, not the target.
        screen.Press(control, new Key('d'));
        Assert.Equal(0, control.Commands.OfType<SetBalloonTargetCommand>().Last().Bytes);
    }

    [Fact]
    public void Zoom_in_and_out_change_the_window_the_simulation_is_asked_for()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, new Key('z'));
        int onePagePerCell = visualizer.Navigator.Layout.Cells;
        Assert.Equal(Math.Max(onePagePerCell, 16_384 / 4), control.Windows[^1].PageCount);
        Assert.False(visualizer.Navigator.CanZoomIn);
        screen.Press(control, new Key('Z'));
        Assert.Equal(16_384, control.Windows[^1].PageCount);
        Assert.True(visualizer.Navigator.ShowsAll);
    }

    [Fact]
    public void Arrows_and_clicks_move_the_selection_and_the_simulation_describes_it()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, Key.CursorRight);
        screen.Press(control, Key.CursorDown);
        int columns = visualizer.Navigator.Layout.Columns;
        Assert.Equal(columns + 1, visualizer.Navigator.Cursor);
        Assert.Equal(visualizer.Navigator.Selection, control.Selections[^1]);

        screen.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(5, 3)));
        screen.Draw();
        Assert.Equal(visualizer.Navigator.Layout.CellAtCharacter(5, 2), visualizer.Navigator.Cursor);
    }

    [Fact]
    public void Question_mark_opens_help_listing_every_key_and_state_and_escape_closes_it()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, new Key('?'));
        string help = screen.Text;
        foreach (KeyAction binding in KeyMap.Default.All)
        {
            Assert.Contains(binding.Description, help, StringComparison.Ordinal);
        }

        foreach (CellState state in CellStates.Shown)
        {
            Assert.Contains(state.Meaning(), help, StringComparison.Ordinal);
        }

        screen.Press(control, Key.Esc);
        Assert.False(visualizer.HelpVisible.Value);
        Assert.Contains("Counters", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void T_cycles_themes_in_the_shipped_order()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        var seen = new List<string> { visualizer.Theme.Value.Name };
        for (int i = 0; i < 6; i++)
        {
            screen.Press(control, Key.T);
            seen.Add(visualizer.Theme.Value.Name);
        }

        Assert.Equal(["default", "light", "high-contrast", "okabe-ito", "ansi16", "mono", "default"], seen);
    }

    [Fact]
    public void Q_asks_to_quit()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        bool quit = false;
        using IDisposable subscription = visualizer.QuitRequests.Subscribe(_ => quit = true);
        screen.Press(control, Key.Q);
        Assert.True(quit);
    }

    [Fact]
    public void Clicking_the_poison_line_of_the_features_panel_cycles_the_poison_mode()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out _);
        string[] rows = screen.Text.Split('\n');
        int row = Array.FindIndex(rows, r => r.Contains("poison (p)", StringComparison.Ordinal));
        int column = rows[row].IndexOf("poison (p)", StringComparison.Ordinal);

        screen.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new System.Drawing.Point(column + 2, row)));
        screen.Draw();

        Assert.Equal([new SetPoisoningCommand(PoisonMode.PagePoison, false)], control.Commands);
    }

    [Fact]
    public void Escape_never_quits_and_says_what_quits()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        bool quit = false;
        using IDisposable subscription = visualizer.QuitRequests.Subscribe(_ => quit = true);
        screen.Press(control, Key.Esc);
        Assert.False(quit);
        Assert.Contains("Esc closes the help screen; q quits", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_steps_a_paused_simulation_by_one_tick()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        long before = visualizer.Frame.Value!.Counts.TimeNs;
        screen.Press(control, new Key('.'));
        screen.Press(control, new Key('.'));
        Assert.Equal(before + (2 * Headless.SmallGuest.TickNs), visualizer.Frame.Value!.Counts.TimeNs);
    }

    [Fact]
    public void F_numbers_the_log_kinds_and_a_digit_picks_one()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, new Key('p'));
        screen.Press(control, new Key('f'));
        Assert.Contains("0 all", screen.Text, StringComparison.Ordinal);
        int command = visualizer.EventLog.Log.Kinds.ToList().IndexOf("command") + 1;
        screen.Press(control, new Key((char)('0' + command)));
        Assert.Equal("command", visualizer.EventLog.Log.Filter);
        screen.Press(control, new Key('f'));
        screen.Press(control, new Key('0'));
        Assert.Null(visualizer.EventLog.Log.Filter);
    }

    [Fact]
    public void X_restarts_the_guest_with_the_toggles_in_force_and_o_toggles_deflate_on_oom()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, new Key('p'));
        screen.Press(control, new Key('o'));
        control.Run(TimeSpan.FromSeconds(1));
        screen.Press(control, new Key('x'));
        SimulationOptions restarted = Assert.Single(control.Restarts);
        Assert.Equal(PoisonMode.PagePoison, restarted.Guest.Poison);
        Assert.True(restarted.Device.DeflateOnOom);
        Assert.Equal(0, visualizer.Frame.Value!.Counts.TimeNs);
        Assert.Equal(PoisonMode.PagePoison, visualizer.Frame.Value.Features.Poison);
    }
}
