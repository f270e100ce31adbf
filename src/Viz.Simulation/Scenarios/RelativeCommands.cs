using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Scenarios;

/// <summary>A device property a scenario switches on its own, the others staying as they are.</summary>
public enum DeviceFeature
{
    /// <summary>free-page-hint.</summary>
    FreePageHint,

    /// <summary>free-page-reporting.</summary>
    FreePageReporting,

    /// <summary>deflate-on-oom.</summary>
    DeflateOnOom,

    /// <summary>page-poison.</summary>
    PagePoison,
}

/// <summary>Switches one device property, keeping the others as they are when it is applied (a device reset).</summary>
/// <param name="Feature">Which property.</param>
/// <param name="On">On or off.</param>
public sealed record SetDeviceFeatureCommand(DeviceFeature Feature, bool On) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        DeviceProperties now = machine.Balloon.Device.Properties;
        DeviceProperties next = Feature switch
        {
            DeviceFeature.FreePageHint => now with { FreePageHint = On },
            DeviceFeature.FreePageReporting => now with { FreePageReporting = On },
            DeviceFeature.DeflateOnOom => now with { DeflateOnOom = On },
            _ => now with { PagePoison = On },
        };
        return new SetDevicePropertiesCommand(next).Apply(machine);
    }
}

/// <summary>Sets the poison mode, keeping init_on_alloc as it is when applied.</summary>
/// <param name="Poison">The mode.</param>
public sealed record SetPoisonModeCommand(PoisonMode Poison) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return new SetPoisoningCommand(Poison, machine.Kernel.InitOnAllocRequested).Apply(machine);
    }
}

/// <summary>Asks for init_on_alloc or not, keeping the poison mode as it is when applied.</summary>
/// <param name="On">On or off.</param>
public sealed record SetInitOnAllocCommand(bool On) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return new SetPoisoningCommand(machine.Kernel.Poison, On).Apply(machine);
    }
}
