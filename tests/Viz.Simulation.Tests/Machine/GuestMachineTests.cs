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

        // A steady working set: after the page cache has filled, allocated memory stays within the band the four jobs'
        // heaps span (each at most 3 CPU-seconds × 0.6 × its quarter of 256 MiB/s, BuildWorkload.StartJob).
        long[] steady = [.. allocatedPerSecond.Skip(40)];
        const long JobsHeapBand = (long)(4 * 3.0 * 0.6 * (256L << 20) / 4);
        Assert.True(steady.Max() - steady.Min() < JobsHeapBand / KernelConstants.PageSize, $"build's working set is not steady: {MemoryCounts.Bytes(steady.Min()) >> 20} to {MemoryCounts.Bytes(steady.Max()) >> 20} MiB");
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
    public void An_idle_8_GiB_guest_uses_its_footprint_after_boot_in_fragments_that_break_4_MiB_blocks()
    {
        var simulation = new GuestMachine(new SimulationOptions());
        simulation.Step(SimDuration.NsPerSecond);
        MemoryCounts counts = simulation.Counts();
        long footprint = MemoryCounts.Bytes(counts.Allocated);
        Assert.InRange(footprint, GuestOptions.DefaultFootprintBytes, GuestOptions.DefaultFootprintBytes + (16L << 20));
        long freeInMaxBlocks = (long)simulation.Kernel.Allocator.FreeBlocks(KernelConstants.MaxOrder) * KernelConstants.MaxOrderPages;
        long freeElsewhere = counts.Free - freeInMaxBlocks;
        Assert.True(freeElsewhere > (64L << 20) / KernelConstants.PageSize, "boot left no fragmented free memory");
    }

    [Theory]
    [InlineData(64L << 20)]
    [InlineData(2L << 30)]
    public void The_footprint_option_sets_what_the_guest_uses_after_boot(long footprintBytes)
    {
        var simulation = new GuestMachine(new SimulationOptions { Guest = new GuestOptions { FootprintBytes = footprintBytes } });
        simulation.Step(SimDuration.NsPerSecond);
        Assert.InRange(MemoryCounts.Bytes(simulation.Counts().Allocated), footprintBytes, footprintBytes + (16L << 20));
    }
}
