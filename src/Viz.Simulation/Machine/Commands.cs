using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Machine;

/// <summary>Stops the running workload (freeing its memory) and starts another.</summary>
/// <param name="Spec">The workload to run.</param>
public sealed record SetWorkloadCommand(WorkloadSpec Spec) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        string old = machine.Workload.Spec.ToString();
        machine.OnGuest(() => machine.SwitchWorkload(Spec));
        return $"workload {old} -> {Spec}{machine.WaitNote}";
    }
}

/// <summary>Changes the guest's poisoning options, as a reboot with other kernel options would.</summary>
/// <param name="Poison">The poison mode.</param>
/// <param name="InitOnAlloc">Whether init_on_alloc is asked for.</param>
public sealed record SetPoisoningCommand(PoisonMode Poison, bool InitOnAlloc) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        // A reboot: the balloon driver goes away and probes again, so virtballoon_validate sees the new poisoning.
        machine.OnGuest(() => machine.Balloon.Reboot(() => machine.Kernel.SetPoisoning(Poison, InitOnAlloc)));
        return $"poison {Poison}, init_on_alloc {(InitOnAlloc ? "on" : "off")}{machine.WaitNote}";
    }
}

/// <summary>Starts a live migration (or a ping-pong of them) unless one is running.</summary>
/// <param name="Parameters">Bandwidth, downtime limit, round limit, ping-pong.</param>
public sealed record StartMigrationCommand(MigrationParameters Parameters) : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        string mode = Parameters.PingPong ? "ping-pong migration" : "migration";
        return machine.StartMigration(Parameters) ? $"{mode} started" : $"{mode} not started: one is running";
    }
}

/// <summary>Cancels the running migration (and ends a ping-pong).</summary>
public sealed record CancelMigrationCommand : ISimCommand
{
    /// <inheritdoc/>
    public string Apply(GuestMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return machine.CancelMigration() ? "migration cancelled" : "no migration to cancel";
    }
}
