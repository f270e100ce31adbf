using Terminal.Gui.Input;
using Viz.App.Tui;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Tui;

/// <summary>The visualizer with several guests on one host: the host view, and each guest's full view by Tab and number.</summary>
public sealed class HostViewTests
{
    private static readonly SimulationOptions[] Guests =
    [
        Guest(64L << 20, "build"),
        Guest(128L << 20, "hog:64MiB"),
        Guest(64L << 20, "idle"),
    ];

    private static SimulationOptions Guest(long memory, string workload)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out _));
        return new SimulationOptions { Guest = new GuestOptions { MemoryBytes = memory }, Workload = spec };
    }

    private static (RecordingControl Control, HostMachine Host) HostControl()
    {
        var host = new HostMachine(new HostOptions { CapacityBytes = 192L << 20 }, Guests);
        return (new RecordingControl(host), host);
    }

    [Fact]
    public void Several_guests_open_on_the_host_view_with_the_hosts_memory_and_a_line_and_grid_per_guest()
    {
        (RecordingControl control, _) = HostControl();
        using (control)
        using (Headless screen = Headless.Open(control, out VisualizerViewModel visualizer, hostGuests: Guests))
        {
            string text = screen.Text;
            Assert.True(visualizer.HostView.Value);
            Assert.Contains("host view · 3 guests", text, StringComparison.Ordinal);
            Assert.Contains("host 192 MiB", text, StringComparison.Ordinal);
            Assert.Contains(">1 guest1 64 MiB build", text, StringComparison.Ordinal);
            Assert.Contains(" 2 guest2 128 MiB hog:64MiB", text, StringComparison.Ordinal);
            Assert.Contains(" 3 guest3 64 MiB idle", text, StringComparison.Ordinal);
            Assert.Contains("swap ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tab_shows_each_guest_in_turn_then_the_host_and_a_number_shows_that_guest()
    {
        (RecordingControl control, _) = HostControl();
        using (control)
        using (Headless screen = Headless.Open(control, out VisualizerViewModel visualizer, hostGuests: Guests))
        {
            screen.Press(control, Key.Tab);
            Assert.Contains("guest1 of 3 · 64 MiB", screen.Text, StringComparison.Ordinal);
            screen.Press(control, Key.Tab);
            Assert.Contains("guest2 of 3 · 128 MiB", screen.Text, StringComparison.Ordinal);
            Assert.Equal(32768, visualizer.Frame.Value!.Counts.TotalPages);
            screen.Press(control, Key.Tab);
            screen.Press(control, Key.Tab);
            Assert.True(visualizer.HostView.Value);
            screen.Press(control, Key.D3);
            Assert.Contains("guest3 of 3", screen.Text, StringComparison.Ordinal);
            screen.Press(control, Key.D0);
            Assert.Contains("host view · 3 guests", screen.Text, StringComparison.Ordinal);
            screen.Press(control, Key.D7);
            Assert.Contains("there are 3 guests: 1 to 3", screen.Text, StringComparison.Ordinal);
            Assert.Equal([1, 2], control.SelectedGuests);
        }
    }

    [Fact]
    public void The_keys_act_on_the_guest_shown()
    {
        (RecordingControl control, HostMachine host) = HostControl();
        using (control)
        using (Headless screen = Headless.Open(control, out _, hostGuests: Guests))
        {
            screen.Press(control, Key.D2);
            screen.Press(control, Key.I);
            control.Pump();

            Assert.True(host.Guests[1].Balloon.Device.Config.NumPages > 0);
            Assert.Equal(0u, host.Guests[0].Balloon.Device.Config.NumPages);
            Assert.Equal(0u, host.Guests[2].Balloon.Device.Config.NumPages);
        }
    }

    /// <summary>m on a guest of the host migrates it away: once done its memory has left the host, which the host view shows.</summary>
    [Fact]
    public void M_on_a_guest_migrates_it_off_the_host()
    {
        (RecordingControl control, HostMachine host) = HostControl();
        using (control)
        using (Headless screen = Headless.Open(control, out _, hostGuests: Guests))
        {
            screen.Press(control, Key.D2);
            screen.Press(control, Key.M);
            control.Run(TimeSpan.FromSeconds(3));
            screen.Press(control, Key.D0);

            Assert.False(host.OnHost(host.Guests[1]));
            Assert.True(host.Guests[1].Migration!.Result!.Verified);
            Assert.Contains("2 guest2 128 MiB hog:64MiB (", screen.Text, StringComparison.Ordinal);
            Assert.Contains("migrated away", screen.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_guest_alone_has_no_host_view_and_Tab_says_so()
    {
        using var control = new RecordingControl();
        using Headless screen = Headless.Open(control, out VisualizerViewModel visualizer);
        screen.Press(control, Key.Tab);

        Assert.False(visualizer.HostView.Value);
        Assert.Contains("one guest: there is no host view", screen.Text, StringComparison.Ordinal);
    }
}
