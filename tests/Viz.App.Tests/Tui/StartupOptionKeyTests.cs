using Terminal.Gui.Input;
using Viz.App.Tui;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Tui;

/// <summary>
/// Keys for what only a boot can change: g and G (the guest twice or half the size, within 64 MiB–64 GiB) and v (the
/// hinting design), each a fresh boot with the options in force.
/// </summary>
public sealed class StartupOptionKeyTests
{
    [Fact]
    public void V_boots_the_guest_with_the_other_hinting_design_and_the_features_panel_says_which()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, Key.H);
        control.Pump();

        screen.Press(control, Key.V);
        control.Pump();
        screen.Draw();

        Assert.Equal(Viz.Simulation.Guest.FreePageHintDesign.V28, control.Restarts[^1].Guest.HintDesign);
        Assert.True(control.Restarts[^1].Device.FreePageHint);
        Assert.Contains(", v28", screen.Text, StringComparison.Ordinal);
        Assert.Contains("hinting design v28", visualizer.Status.Value!.Text, StringComparison.Ordinal);

        screen.Press(control, Key.V);
        Assert.Equal(Viz.Simulation.Guest.FreePageHintDesign.Upstream, control.Restarts[^1].Guest.HintDesign);
    }

    [Fact]
    public void The_features_panel_names_the_keys_in_force_and_a_click_presses_them()
    {
        Assert.True(KeyMap.Default.TryRebind(new Dictionary<string, string> { ["poison"] = "y", ["balloon"] = "[]" }, out KeyMap? map, out _));
        var lines = Viz.App.Tui.Panels.PanelText.Features(Headless.Frame(new Viz.Pipeline.GridWindow(0, 1024, 4)), map.Shortcut);
        Assert.StartsWith("poison (y)", lines[0].Text, StringComparison.Ordinal);
        Assert.Equal(new Key('y'), lines[0].Click);
        Assert.Contains(lines, l => l.Text.StartsWith("balloon ([/])", StringComparison.Ordinal) && Equals(l.Click, new Key('[')));
    }

    [Fact]
    public void G_doubles_the_guest_and_the_grid_and_header_show_the_new_size()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);

        screen.Press(control, Key.G);
        control.Pump();
        screen.Draw();

        Assert.Equal(128L << 20, Assert.Single(control.Restarts).Guest.MemoryBytes);
        Assert.Equal(32_768, visualizer.TotalPages);
        Assert.Equal(32_768, visualizer.Navigator.Window.PageCount);
        Assert.Contains("balloonviz  128 MiB guest", screen.Text, StringComparison.Ordinal);
        Assert.Contains("guest size 128 MiB", visualizer.Status.Value!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shift_G_halves_it_but_not_below_64_MiB_and_says_why()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);

        screen.Press(control, Key.G.WithShift);

        Assert.Empty(control.Restarts);
        Assert.True(visualizer.Status.Value!.Warning);
        Assert.Contains("G goes down to 64 MiB", visualizer.Status.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workload_that_would_not_fit_the_smaller_guest_keeps_the_size()
    {
        var start = Headless.SmallGuest with { Guest = Headless.SmallGuest.Guest with { MemoryBytes = 1L << 30 }, Workload = new WorkloadSpec(WorkloadKind.Hog, 768L << 20) };
        Assert.False(GuestActions.TryResize(start, grow: false, out _, out string message));
        Assert.Contains("hog:768MiB does not fit a 512 MiB guest", message, StringComparison.Ordinal);
        Assert.True(GuestActions.TryResize(start, grow: true, out var grown, out _));
        Assert.Equal(2L << 30, grown.Guest.MemoryBytes);
        Assert.False(GuestActions.TryResize(start with { Guest = start.Guest with { MemoryBytes = 64L << 30 } }, grow: true, out _, out string limit));
        Assert.Contains("g goes up to 64 GiB", limit, StringComparison.Ordinal);
    }

    [Fact]
    public void Shift_H_starts_and_stops_a_firecracker_style_hint_run_only_in_the_discard_mode()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, Key.H.WithShift);
        Assert.Contains("start with --hint-mode discard", visualizer.Status.Value!.Text, StringComparison.Ordinal);
        Assert.Empty(control.Commands);

        Viz.Pipeline.FeatureState features = Headless.Frame(new Viz.Pipeline.GridWindow(0, 1024, 4)).Features;
        features = features with { Negotiated = features.Negotiated | Viz.Simulation.Virtio.BalloonFeatures.FreePageHint };
        GuestAction start = GuestActions.StartOrStopHintRun(features, discardMode: true);
        Assert.Equal(new Viz.Simulation.Machine.HintRunCommand(Start: true), start.Command);
        GuestAction stop = GuestActions.StartOrStopHintRun(features with { Balloon = features.Balloon with { HintStatus = Viz.Simulation.Host.HintStatus.Start } }, discardMode: true);
        Assert.Equal(new Viz.Simulation.Machine.HintRunCommand(Start: false), stop.Command);
    }
}
