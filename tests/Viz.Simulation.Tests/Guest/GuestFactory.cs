using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Memory;

namespace Viz.Simulation.Tests.Guest;

/// <summary>Builds small booted guests for tests and records what they publish.</summary>
internal sealed class GuestFactory
{
    public GuestFactory(PoisonMode poison = PoisonMode.Off, bool initOnAlloc = false, long bytes = 256L << 20)
    {
        Ram = new GuestRamBacking(bytes);
        Kernel = new GuestKernel(new GuestOptions { MemoryBytes = bytes, Poison = poison, InitOnAlloc = initOnAlloc }, Clock, Bus, Ram);
        Bus.Subscribe(Events.Add);
    }

    public EventScheduler Clock { get; } = new();

    public EventBus Bus { get; } = new();

    public List<SimEvent> Events { get; } = [];

    public GuestRamBacking Ram { get; }

    public GuestKernel Kernel { get; }
}
