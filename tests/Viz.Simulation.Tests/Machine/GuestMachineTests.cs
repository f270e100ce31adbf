using Viz.Simulation.Core;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Tests.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Machine;

public class GuestMachineTests
{
    [Fact]
    public void An_8_GiB_guest_runs_a_simulated_minute_of_build_with_its_invariants_intact()
    {
        var simulation = new GuestMachine(new SimulationOptions { Workload = new WorkloadSpec(WorkloadKind.Build) });
        var oom = new List<SimEvent>();
        simulation.Events.Subscribe(e =>
        {
            if (e is OutOfMemory)
            {
                oom.Add(e);
            }
        });
        var allocatedPerSecond = new List<long>();
        for (int second = 0; second < 60; second++)
        {
            simulation.Step(SimDuration.NsPerSecond);
            allocatedPerSecond.Add(simulation.Counts().Allocated);
        }

        MemoryCounts counts = simulation.Counts();
        Assert.Equal(60 * SimDuration.NsPerSecond, counts.TimeNs);
        Assert.Empty(oom);
        AllocatorInvariants.Check(simulation.Kernel.Memory, simulation.Kernel.Allocator);

        // make -j4 keeps four jobs busy: close to four CPU-seconds of compile per second.
        Assert.InRange(counts.WorkPerSecond, 3.5, 4.0001);
        Assert.InRange(counts.WorkDone, 200, 240);

        // A steady working set: after the page cache has filled, allocated memory stays within a band.
        long[] steady = [.. allocatedPerSecond.Skip(40)];
        Assert.True(steady.Max() - steady.Min() < (256L << 20) / KernelConstants.PageSize, "build's working set is not steady");
        Assert.InRange(MemoryCounts.Bytes(counts.Allocated), 1L << 30, 3L << 30);
    }

    [Fact]
    public void A_switched_workload_frees_the_memory_of_the_old_one()
    {
        var simulation = new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = 1L << 30 },
            Workload = new WorkloadSpec(WorkloadKind.Hog, 256L << 20),
        });
        long booted = simulation.Counts().Allocated;
        simulation.Step(SimDuration.NsPerSecond);
        Assert.Equal(booted + ((256L << 20) / KernelConstants.PageSize), simulation.Counts().Allocated);
        simulation.Enqueue(new SetWorkloadCommand(WorkloadSpec.Idle));
        simulation.Step(SimDuration.NsPerMs);
        Assert.InRange(simulation.Counts().Allocated, booted, booted + 16);
        Assert.Equal("idle", simulation.Counts().Workload);
    }

    [Fact]
    public void Commands_wait_for_the_next_step()
    {
        var simulation = new GuestMachine(new SimulationOptions { Guest = new GuestOptions { MemoryBytes = 256L << 20 } });
        simulation.Enqueue(new SetPoisoningCommand(PoisonMode.InitOnFree, InitOnAlloc: true));
        Assert.Equal(PoisonMode.Off, simulation.Kernel.Poison);
        simulation.Step(0);
        Assert.Equal(PoisonMode.InitOnFree, simulation.Kernel.Poison);
        Assert.True(simulation.Kernel.InitOnAllocRequested);
    }

    [Fact]
    public void An_idle_8_GiB_guest_uses_under_a_GiB_after_boot_in_fragments_that_break_4_MiB_blocks()
    {
        var simulation = new GuestMachine(new SimulationOptions());
        simulation.Step(SimDuration.NsPerSecond);
        MemoryCounts counts = simulation.Counts();
        long used = MemoryCounts.Bytes(counts.Allocated + counts.Kernel);
        Assert.InRange(used, 600L << 20, 1L << 30);
        long freeInMaxBlocks = (long)simulation.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder) * KernelConstants.MaxOrderPages;
        long freeElsewhere = counts.Free - freeInMaxBlocks;
        Assert.True(freeElsewhere > (128L << 20) / KernelConstants.PageSize, "boot left no fragmented free memory");
    }
}
