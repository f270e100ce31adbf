using CsCheck;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Snapshots;

/// <summary>The grid kept current as pages change must always equal a fresh count of the same pages.</summary>
public class GridTallyTests
{
    private static readonly WorkloadSpec[] Workloads =
    [
        new(WorkloadKind.Build, 16L << 20),
        new(WorkloadKind.Hog, 96L << 20),
        WorkloadSpec.Idle,
        new(WorkloadKind.PageCache, 64L << 20),
    ];

    /// <summary>One thing a user does: 0 workload, 1 migrate, 2 cancel, 3 balloon, 4 poisoning (a reboot), 5 just run.</summary>
    private static readonly Gen<(int Action, int Value, int Millis)> Operation =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[1, 400]);

    [Fact]
    public void A_kept_grid_equals_a_fresh_count_after_any_sequence_of_operations()
    {
        Gen.Select(Operation.Array[1, 12], Gen.Int[1, 3000], Gen.Int[0, 20000], Gen.Bool).Sample((operations, cells, start, hinting) =>
        {
            var simulation = new GuestMachine(new SimulationOptions
            {
                Guest = new GuestOptions { MemoryBytes = 256L << 20, Poison = PoisonMode.PagePoison },
                Device = new DeviceProperties { FreePageHint = hinting, FreePageReporting = !hinting, PagePoison = true },
                Workload = Workloads[0],
            });
            int count = simulation.Kernel.Memory.PageCount - start - (start / 3);
            foreach ((int action, int value, int millis) in operations)
            {
                simulation.Enqueue(action switch
                {
                    0 => new SetWorkloadCommand(Workloads[value]),
                    1 => new StartMigrationCommand(new MigrationParameters()),
                    2 => new CancelMigrationCommand(),
                    3 => new SetBalloonTargetCommand(value * (32L << 20)),
                    4 => new SetPoisoningCommand(value % 2 == 0 ? PoisonMode.PagePoison : PoisonMode.Off, InitOnAlloc: value > 1),
                    _ => new SetWorkloadCommand(Workloads[(value + 1) % Workloads.Length]),
                });
                simulation.Step(millis * SimDuration.NsPerMs);
                AssertSameAsFreshCount(simulation, cells, start, count);
            }
        }, iter: 40);
    }

    private static void AssertSameAsFreshCount(GuestMachine simulation, int cells, int start, int count)
    {
        GridAggregate kept = simulation.Grid(cells, start, count);
        var fresh = new GridAggregate();
        PageBitmap? dirty = simulation.Migration is { IsActive: true } migration ? migration.DirtyBitmap : null;
        fresh.Fill(simulation.Kernel.Memory, simulation.Ram, start, count, cells, dirty);
        for (int cell = 0; cell < cells; cell++)
        {
            for (int layer = 0; layer < GridLayers.Count; layer++)
            {
                Assert.True(
                    fresh.Count(cell, (GridLayer)layer) == kept.Count(cell, (GridLayer)layer),
                    $"cell {cell} layer {(GridLayer)layer}: kept {kept.Count(cell, (GridLayer)layer)}, counted {fresh.Count(cell, (GridLayer)layer)}");
            }
        }
    }
}
