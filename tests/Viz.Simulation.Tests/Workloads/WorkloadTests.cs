using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Workloads;

public class WorkloadTests
{
    private static GuestMachine Start(string workload, long memory = 1L << 30, PoisonMode poison = PoisonMode.Off)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out string error), error);
        return new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = memory, Poison = poison },
            Workload = spec,
        });
    }

    private static List<string> Phases(GuestMachine simulation)
    {
        var phases = new List<string>();
        simulation.Events.Subscribe(e =>
        {
            if (e is WorkloadPhaseChanged change)
            {
                phases.Add(change.Phase);
            }
        });
        return phases;
    }

    [Fact]
    public void Hog_allocates_writes_holds_frees_and_goes_idle()
    {
        GuestMachine simulation = Start("hog:256MiB@512MiB/s");
        List<string> phases = Phases(simulation);
        long booted = simulation.Counts().Allocated;
        long hogPages = (256L << 20) / KernelConstants.PageSize;
        simulation.Step(SimDuration.NsPerSecond);
        MemoryCounts holding = simulation.Counts();
        Assert.Equal(booted + hogPages, holding.Allocated);
        Assert.Equal(["holding"], phases);
        Assert.InRange(holding.WorkDone, 255.9, 256.1);
        simulation.Step(HogWorkload.HoldNs + SimDuration.NsPerSecond);
        Assert.Equal(["holding", "freeing", "done"], phases);
        Assert.Equal(booted, simulation.Counts().Allocated);
        Assert.True(simulation.Counts().Backed >= hogPages, "memory the hog wrote stays backed on the host after the free");
    }

    [Fact]
    public void Hog_larger_than_the_guest_is_killed_by_the_oom_killer_and_its_memory_freed()
    {
        GuestMachine simulation = Start("hog:2GiB@4GiB/s");
        List<string> phases = Phases(simulation);
        long booted = simulation.Counts().Allocated;
        simulation.Step(SimDuration.NsPerSecond);
        Assert.Contains("killed by the OOM killer", phases);
        Assert.True(simulation.Counts().OutOfMemoryEvents >= 1);
        Assert.InRange(simulation.Counts().Allocated, 0, booted);
    }

    [Fact]
    public void Pagecache_reads_files_into_the_cache_then_drops_it()
    {
        GuestMachine simulation = Start("pagecache:256MiB@512MiB/s");
        List<string> phases = Phases(simulation);
        long bootCache = simulation.Counts().PageCache;
        simulation.Step(SimDuration.NsPerSecond);
        Assert.Equal(bootCache + ((256L << 20) / KernelConstants.PageSize), simulation.Counts().PageCache);
        simulation.Step(PageCacheWorkload.HoldNs + SimDuration.NsPerSecond);
        Assert.Equal(["cached", "dropped caches"], phases);
        Assert.Equal(0, simulation.Counts().PageCache);
    }

    [Fact]
    public void Idle_touches_a_little_memory_and_gives_it_back()
    {
        GuestMachine simulation = Start("idle@4MiB/s");
        long booted = simulation.Counts().Allocated;
        simulation.Step(10 * SimDuration.NsPerSecond);
        MemoryCounts counts = simulation.Counts();
        Assert.InRange(counts.WorkPerSecond, 3.9, 4.1);
        Assert.InRange(counts.Allocated, booted, booted + ((8L << 20) / KernelConstants.PageSize));
    }

    [Fact]
    public void Time_stolen_from_the_vcpus_slows_the_build_down()
    {
        GuestMachine quiet = Start("build", memory: 2L << 30);
        GuestMachine stalled = Start("build", memory: 2L << 30);
        for (int tick = 0; tick < 500; tick++)
        {
            stalled.Kernel.ChargeStall(20 * SimDuration.NsPerMs);
            quiet.Step(10 * SimDuration.NsPerMs);
            stalled.Step(10 * SimDuration.NsPerMs);
        }

        Assert.InRange(stalled.Counts().WorkDone / quiet.Counts().WorkDone, 0.4, 0.6);
    }

    [Theory]
    [InlineData("idle", WorkloadKind.Idle, null, null)]
    [InlineData("hog:3GiB", WorkloadKind.Hog, 3L << 30, null)]
    [InlineData("BUILD@512MiB/s", WorkloadKind.Build, null, 512L << 20)]
    [InlineData("pagecache:2GiB@1GiB/s", WorkloadKind.PageCache, 2L << 30, 1L << 30)]
    public void Workload_specs_parse(string text, WorkloadKind kind, long? size, long? rate)
    {
        Assert.True(WorkloadSpec.TryParse(text, out WorkloadSpec spec, out _));
        Assert.Equal(new WorkloadSpec(kind, size, rate), spec);
        Assert.True(WorkloadSpec.TryParse(spec.ToString(), out WorkloadSpec again, out _));
        Assert.Equal(spec, again);
    }

    [Fact]
    public void A_build_with_work_parses_round_trips_and_is_done_after_that_much_compile_time()
    {
        Assert.True(WorkloadSpec.TryParse("build:512MiB@128MiB/s,work=8s", out WorkloadSpec spec, out string error), error);
        Assert.Equal(new WorkloadSpec(WorkloadKind.Build, 512L << 20, 128L << 20, 8 * SimDuration.NsPerSecond), spec);
        Assert.True(WorkloadSpec.TryParse(spec.ToString(), out WorkloadSpec again, out _));
        Assert.Equal(spec, again);

        // Four jobs: 8 s of compile work is 2 s of a guest whose vCPUs all compile.
        GuestMachine simulation = Start("build,work=8s");
        long allocatedBefore = simulation.Counts().Allocated;
        simulation.Step(3 * SimDuration.NsPerSecond);
        long done = Assert.IsType<long>(simulation.Workload.CompletedAtNs);
        Assert.InRange(done, 2 * SimDuration.NsPerSecond, 2.1 * SimDuration.NsPerSecond);
        Assert.Equal("done", simulation.Workload.Phase);
        double work = simulation.Workload.UnitsDone;
        simulation.Step(SimDuration.NsPerSecond);
        Assert.Equal(work, simulation.Workload.UnitsDone);
        Assert.True(simulation.Counts().Allocated < allocatedBefore + ((256L << 20) / KernelConstants.PageSize), "the jobs' memory went back when the build was done");
    }

    [Theory]
    [InlineData("compile", "unknown workload")]
    [InlineData("hog:lots", "workload size")]
    [InlineData("hog:0", "must be positive")]
    [InlineData("build@fast", "workload rate")]
    [InlineData("build,work=0s", "must be positive")]
    [InlineData("build,work=soon", "work: ")]
    [InlineData("build,jobs=8", "unknown workload option 'jobs=8'")]
    [InlineData("hog:1GiB,work=10s", "work=DURATION is for build only")]
    public void Bad_workload_specs_say_what_is_wrong(string text, string message)
    {
        Assert.False(WorkloadSpec.TryParse(text, out _, out string error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
