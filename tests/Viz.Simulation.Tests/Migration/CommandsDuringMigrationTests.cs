using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Migration;

/// <summary>
/// A user's commands land at any moment of a migration — mid-round, during stop-and-copy, between a ping-pong's hops —
/// and no data may be lost: after every completed migration no observable page differs, and no page fails its poison
/// check, with every toggle, balloon change, workload switch, migration start, cancel and ping-pong in the mix.
/// </summary>
public class CommandsDuringMigrationTests
{
    /// <summary>One step of a session: wait (or run until the migration reaches a phase), then a command.</summary>
    private sealed record Step(int WaitMs, MigrationPhase? UntilPhase, int Command)
    {
        public override string ToString() => $"{(UntilPhase is { } phase ? $"until {phase}" : $"{WaitMs} ms")} then {CommandNames[Command]}";
    }

    private static readonly string[] CommandNames =
    [
        "hinting", "reporting", "deflate-on-oom", "poison", "init_on_alloc", "workload", "inflate", "deflate", "migrate", "ping-pong", "cancel",
    ];

    private static readonly Gen<Step> Steps =
        Gen.Select(Gen.Int[0, 400], Gen.Int[0, 5], Gen.Int[0, CommandNames.Length - 1])
            .Select(t => new Step(t.Item1, t.Item2 switch { 0 => MigrationPhase.StopAndCopy, 1 => MigrationPhase.Iterating, _ => null }, t.Item3));

    private static readonly Gen<(ulong Seed, PoisonMode Poison, Step[] Steps)> Sessions =
        Gen.Select(Gen.ULong, Gen.Int[0, 2], Steps.Array[4, 14]).Select(t => (t.Item1, (PoisonMode)t.Item2, t.Item3));

    [Fact]
    public void No_command_at_any_moment_loses_data_or_fails_a_poison_check()
    {
        Sessions.Sample(session =>
        {
            GuestMachine machine = Boot(session.Seed, session.Poison);
            var results = new List<MigrationResult>();
            machine.Events.Subscribe(e =>
            {
                if (e is MigrationEnded ended)
                {
                    results.Add(ended.Result);
                }
            });
            machine.Step(500 * SimDuration.NsPerMs);
            foreach (Step step in session.Steps)
            {
                Wait(machine, step);
                machine.Enqueue(CommandFor(machine, step.Command));
            }

            // Let a running migration end (a ping-pong is cancelled first) and the guest settle on the destination.
            machine.Step(1 * SimDuration.NsPerMs);
            machine.Enqueue(new CancelMigrationCommand());
            machine.Step(2 * SimDuration.NsPerSecond);
            Assert.All(results.Where(r => r.Outcome == MigrationOutcome.Completed), r => Assert.Equal(0, r.MismatchedPages));
            Assert.Equal(0, machine.Kernel.PoisonErrorPages);
            Assert.True(machine.VmRunning);
        }, iter: 60, threads: 1, print: session => $"seed {session.Seed} poison {session.Poison}: {string.Join("; ", session.Steps)}");
    }

    [Theory]
    [InlineData("hinting")]
    [InlineData("poison")]
    [InlineData("workload")]
    [InlineData("reporting")]
    [InlineData("cancel")]
    public void A_command_during_stop_and_copy_waits_for_the_guest_and_loses_nothing(string command)
    {
        GuestMachine machine = Boot(seed: 5, PoisonMode.PagePoison);
        machine.Step(2 * SimDuration.NsPerSecond);
        machine.Enqueue(new StartMigrationCommand(new MigrationParameters()));
        machine.Step(0);
        Wait(machine, new Step(0, MigrationPhase.StopAndCopy, 0));
        Assert.Equal(MigrationPhase.StopAndCopy, machine.Migration!.Phase);

        machine.Enqueue(CommandFor(machine, Array.IndexOf(CommandNames, command)));
        machine.Step(2 * SimDuration.NsPerSecond);

        MigrationResult result = machine.Migration.Result!;
        Assert.Equal(command == "cancel" ? MigrationOutcome.Cancelled : MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(0, result.MismatchedPages);
        Assert.Equal(0, machine.Kernel.PoisonErrorPages);
        Assert.True(machine.VmRunning);
    }

    private static GuestMachine Boot(ulong seed, PoisonMode poison)
    {
        Assert.True(WorkloadSpec.TryParse("build:32MiB", out WorkloadSpec build, out _));
        return new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = 128L << 20, Poison = poison },
            Workload = build,
            Seed = seed,
            Device = new DeviceProperties { FreePageHint = true },
        });
    }

    private static void Wait(GuestMachine machine, Step step)
    {
        if (step.UntilPhase is not { } phase)
        {
            machine.Step(step.WaitMs * SimDuration.NsPerMs);
            return;
        }

        for (int i = 0; i < 20_000 && machine.Migration is { IsActive: true } m && m.Phase != phase; i++)
        {
            machine.Step(SimDuration.NsPerMs / 10);
        }
    }

    /// <summary>The command a user's key would send, taking the next value of each toggle from the guest as it is.</summary>
    private static ISimCommand CommandFor(GuestMachine machine, int command)
    {
        DeviceProperties device = machine.Balloon.Device.Properties;
        long step = machine.Kernel.Memory.Bytes / 8;
        long target = machine.Balloon.Device.Config.NumPages * (long)KernelConstants.PageSize;
        return CommandNames[command] switch
        {
            "hinting" => new SetDevicePropertiesCommand(device with { FreePageHint = !device.FreePageHint }),
            "reporting" => new SetDevicePropertiesCommand(device with { FreePageReporting = !device.FreePageReporting }),
            "deflate-on-oom" => new SetDevicePropertiesCommand(device with { DeflateOnOom = !device.DeflateOnOom }),
            "poison" => new SetPoisoningCommand((PoisonMode)(((int)machine.Kernel.Poison + 1) % 3), machine.Kernel.InitOnAllocRequested),
            "init_on_alloc" => new SetPoisoningCommand(machine.Kernel.Poison, !machine.Kernel.InitOnAllocRequested),
            "workload" => new SetWorkloadCommand(new WorkloadSpec((WorkloadKind)(((int)machine.Workload.Spec.Kind + 1) % WorkloadSpec.Names.Count), 16L << 20)),
            "inflate" => new SetBalloonTargetCommand(Math.Min(target + step, 7 * step)),
            "deflate" => new SetBalloonTargetCommand(Math.Max(0, target - step)),
            "migrate" => new StartMigrationCommand(new MigrationParameters()),
            "ping-pong" => new StartMigrationCommand(new MigrationParameters { PingPong = true }),
            _ => new CancelMigrationCommand(),
        };
    }
}
