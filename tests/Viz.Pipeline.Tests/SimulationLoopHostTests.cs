using Microsoft.Extensions.Time.Testing;
using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;

namespace Viz.Pipeline.Tests;

/// <summary>The loop pacing several guests on one host: frames of the selected guest, with the host beside them.</summary>
public class SimulationLoopHostTests
{
    private static (SimulationLoop Loop, HostMachine Host, List<SimFrame> Frames) Started()
    {
        var host = new HostMachine(
            new HostOptions { CapacityBytes = 96L << 20 },
            [new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 64L << 20 } }, new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 128L << 20 }, Seed = 2 }]);
        var loop = new SimulationLoop(host, new RunnerOptions { Paused = true, Time = new FakeTimeProvider() });
        var frames = new List<SimFrame>();
        loop.Frames.Subscribe(frames.Add);
        loop.RunOnce();
        return (loop, host, frames);
    }

    [Fact]
    public void Frames_carry_the_host_and_every_guest_with_a_grid_of_the_cells_asked_for()
    {
        (SimulationLoop loop, HostMachine host, List<SimFrame> frames) = Started();
        using (loop)
        {
            loop.ShowHostGrids(40);
            loop.RunOnce();
            HostFrame frame = frames[^1].Host!;

            Assert.Equal(2, frame.Guests.Length);
            Assert.Equal(host.Host.CapacityPages, frame.CapacityPages);
            Assert.All(frame.Guests, g => Assert.Equal(40, g.Grid.States.Length));
            Assert.Equal(host.Host.CapacityPages - host.Host.ResidentPages, frame.FreePages);
            Assert.Equal(["guest1", "guest2"], frame.Guests.Select(g => g.Name));
        }
    }

    [Fact]
    public void Selecting_a_guest_makes_the_frames_and_the_commands_its_own()
    {
        (SimulationLoop loop, HostMachine host, List<SimFrame> frames) = Started();
        using (loop)
        {
            loop.SelectGuest(1);
            loop.Post(new SetBalloonTargetCommand(16L << 20));
            loop.StepOnce();
            loop.RunOnce();

            Assert.Equal(1, frames[^1].Guest);
            Assert.Equal(32768, frames[^1].Counts.TotalPages);
            Assert.Equal(4096u, host.Guests[1].Balloon.Device.Config.NumPages);
            Assert.Equal(0u, host.Guests[0].Balloon.Device.Config.NumPages);
            loop.SelectGuest(5);
            loop.RunOnce();
            Assert.Equal(1, frames[^1].Guest);
        }
    }

    [Fact]
    public void All_guests_move_on_the_one_clock()
    {
        (SimulationLoop loop, HostMachine host, _) = Started();
        using (loop)
        {
            loop.StepOnce();
            loop.RunOnce();

            Assert.All(host.Guests, g => Assert.Equal(host.NowNs, g.NowNs));
            Assert.True(host.NowNs > 0);
        }
    }
}
