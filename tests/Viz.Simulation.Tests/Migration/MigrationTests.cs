using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.Simulation.Tests.Migration;

public class MigrationTests
{
    private static SimulationOptions Guest(string workload, long memory = 256L << 20, PoisonMode poison = PoisonMode.Off, bool initOnAlloc = false, ulong seed = 1)
    {
        Assert.True(WorkloadSpec.TryParse(workload, out WorkloadSpec spec, out string error), error);
        return new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = memory, Poison = poison, InitOnAlloc = initOnAlloc },
            Workload = spec,
            Seed = seed,
        };
    }

    private static GuestMachine Migrating(SimulationOptions options, MigrationParameters parameters, long startAfterNs)
    {
        var simulation = new GuestMachine(options);
        simulation.Step(startAfterNs);
        simulation.Enqueue(new StartMigrationCommand(parameters));
        simulation.Step(0);
        return simulation;
    }

    private static void RunToEnd(GuestMachine simulation)
    {
        for (int i = 0; i < 100_000 && simulation.Migration!.IsActive; i++)
        {
            simulation.Step(10 * SimDuration.NsPerMs);
        }
    }

    /// <summary>The seed: local migration of an idle 8 GiB guest took ~1817 ms without hinting (Wei Wang, v28 cover letter).</summary>
    [Fact]
    public void An_idle_8_GiB_guest_migrates_in_about_the_seeds_legacy_time()
    {
        MigrationResult result = MigrationRun.Execute(new SimulationOptions(), new MigrationParameters(), startAfterNs: null);
        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.InRange(result.TotalTimeNs / (double)SimDuration.NsPerMs, 1817 * 0.75, 1817 * 1.25);
        Assert.Equal(0, result.MismatchedPages);
        Assert.True(result.Verified);
        Assert.Equal(2_097_152, result.DirtyPagesPerRound[0]);
    }

    [Fact]
    public void Free_memory_that_was_never_written_goes_as_zero_pages_and_costs_9_bytes_each()
    {
        MigrationResult result = MigrationRun.Execute(Guest("idle"), new MigrationParameters(), SimDuration.NsPerSecond);
        var costs = MigrationCosts.Default;
        long expected = (result.PagesZero * costs.ZeroPageBytes) + (result.PagesNormal * costs.NormalPageBytes) + costs.DeviceStateBytes;
        Assert.Equal(expected, result.BytesTransferred);
        Assert.True(result.PagesZero > result.PagesNormal);
    }

    [Fact]
    public void With_page_poison_free_memory_holds_0xaa_and_must_be_sent_in_full()
    {
        MigrationResult plain = MigrationRun.Execute(Guest("idle"), new MigrationParameters(), SimDuration.NsPerSecond);
        MigrationResult poisoned = MigrationRun.Execute(Guest("idle", poison: PoisonMode.PagePoison), new MigrationParameters(), SimDuration.NsPerSecond);
        Assert.True(poisoned.PagesNormal > 3 * plain.PagesNormal);
        Assert.True(poisoned.BytesTransferred > 3 * plain.BytesTransferred);
        Assert.Equal(0, poisoned.MismatchedPages);
    }

    [Fact]
    public void A_migration_a_time_limit_ends_is_not_converged_not_cancelled_and_the_guest_runs_on()
    {
        var simulation = new GuestMachine(Guest("build@512MiB/s"));
        simulation.Step(SimDuration.NsPerSecond);
        simulation.Enqueue(new StartMigrationCommand(new MigrationParameters { BandwidthBytesPerSecond = 32L << 20 }));
        simulation.Step(2 * SimDuration.NsPerSecond);
        simulation.Migration!.GiveUp();

        Assert.Equal(MigrationOutcome.NotConverged, simulation.Migration.Result!.Outcome);
        Assert.True(simulation.Kernel.VcpusRunning);
        Assert.False(simulation.Ram.DirtyLogging);
    }

    [Fact]
    public void A_guest_that_dirties_faster_than_the_bandwidth_does_not_converge_and_says_so()
    {
        var parameters = new MigrationParameters { BandwidthBytesPerSecond = 32L << 20, MaxRounds = 3 };
        MigrationResult result = MigrationRun.Execute(Guest("build@512MiB/s"), parameters, SimDuration.NsPerSecond);
        Assert.Equal(MigrationOutcome.NotConverged, result.Outcome);
        Assert.Equal(3, result.Rounds);
        Assert.False(result.Verified);
    }

    [Fact]
    public void The_bandwidth_limit_bounds_the_bytes_sent_per_second_until_stop_and_copy_lifts_it()
    {
        var parameters = new MigrationParameters { BandwidthBytesPerSecond = 64L << 20 };
        MigrationResult result = MigrationRun.Execute(Guest("idle"), parameters, SimDuration.NsPerSecond);

        // migration_completion_precopy: migration_rate_set(RATE_LIMIT_DISABLED) — the pages left at the final sync go out
        // unthrottled, so the limit bounds what was sent before it.
        long stopAndCopyBytes = (result.DirtyPagesPerRound[^1] * MigrationCosts.Default.NormalPageBytes) + MigrationCosts.Default.DeviceStateBytes;
        double precopySeconds = (result.TotalTimeNs - result.DowntimeNs) / (double)SimDuration.NsPerSecond;
        Assert.InRange((result.BytesTransferred - stopAndCopyBytes) / precopySeconds, 32L << 20, 64L << 20);
    }

    [Fact]
    public void Stop_and_copy_is_not_held_to_the_bandwidth_limit()
    {
        var parameters = new MigrationParameters { BandwidthBytesPerSecond = 1L << 30 };
        MigrationResult result = MigrationRun.Execute(Guest("build"), parameters, 2 * SimDuration.NsPerSecond);

        // At the limit the pages left at the final sync would take their bytes / 1 GiB/s; unthrottled they take their
        // own cost (at most a normal page's 2 µs each) plus the switchover.
        long left = result.DirtyPagesPerRound[^1];
        double atLimitNs = left * (double)MigrationCosts.Default.NormalPageBytes / (1L << 30) * SimDuration.NsPerSecond;
        double unthrottledNs = (left * MigrationCosts.Default.NormalPageNs) + MigrationCosts.Default.SwitchoverNs + (MigrationCosts.Default.SyncNsPerDirtyPage * left) + SimDuration.NsPerMs;
        Assert.True(left > 10_000, $"only {left} pages were left for stop-and-copy");
        Assert.True(result.DowntimeNs <= unthrottledNs, $"downtime {result.DowntimeNs / 1e6:F1} ms, unthrottled bound {unthrottledNs / 1e6:F1} ms");
        Assert.True(result.DowntimeNs < atLimitNs + MigrationCosts.Default.SwitchoverNs, $"downtime {result.DowntimeNs / 1e6:F1} ms is the rate limit's {atLimitNs / 1e6:F1} ms");
    }

    [Fact]
    public void Pages_written_during_the_migration_are_sent_again_after_the_next_sync()
    {
        MigrationResult result = MigrationRun.Execute(Guest("build"), new MigrationParameters(), 2 * SimDuration.NsPerSecond);
        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.True(result.Rounds >= 3);
        Assert.True(result.DirtyPagesPerRound[1] > 0);
        Assert.Equal(0, result.MismatchedPages);
    }

    [Fact]
    public void The_guest_is_stopped_only_for_the_downtime()
    {
        GuestMachine simulation = Migrating(Guest("build"), new MigrationParameters(), SimDuration.NsPerSecond);
        var paused = new List<bool>();
        while (simulation.Migration!.IsActive)
        {
            simulation.Step(SimDuration.NsPerMs);
            paused.Add(!simulation.VmRunning && simulation.Migration.IsActive);
        }

        MigrationResult result = simulation.Migration.Result!;
        Assert.InRange(paused.Count(p => p), (result.DowntimeNs / SimDuration.NsPerMs) - 1, (result.DowntimeNs / SimDuration.NsPerMs) + 1);
        Assert.True(simulation.VmRunning);
        Assert.InRange(result.DowntimeNs, 1, MigrationParameters.DefaultDowntimeLimitNs + (50 * SimDuration.NsPerMs));
    }

    [Fact]
    public void Cancel_ends_the_migration_turns_dirty_logging_off_and_leaves_the_guest_running()
    {
        GuestMachine simulation = Migrating(Guest("build"), new MigrationParameters { BandwidthBytesPerSecond = 16L << 20 }, SimDuration.NsPerSecond);
        simulation.Step(200 * SimDuration.NsPerMs);
        simulation.Enqueue(new CancelMigrationCommand());
        simulation.Step(0);
        Assert.Equal(MigrationPhase.Cancelled, simulation.Migration!.Phase);
        Assert.Equal(MigrationOutcome.Cancelled, simulation.Migration.Result!.Outcome);
        Assert.False(simulation.Ram.DirtyLogging);
        Assert.True(simulation.VmRunning);
    }

    [Fact]
    public void A_hint_clears_dirty_bits_but_a_page_written_after_it_is_caught_by_dirty_logging_and_resent()
    {
        GuestMachine simulation = Migrating(Guest("idle"), new MigrationParameters(), SimDuration.NsPerSecond);
        MigrationEngine migration = simulation.Migration!;
        BuddyAllocator allocator = simulation.Kernel.Allocator;
        int block = allocator.Tail(KernelConstants.MaxOrder);
        migration.ApplyHint(block, KernelConstants.MaxOrderPages);
        Assert.Equal(KernelConstants.MaxOrderPages, migration.PagesSkippedByHint);
        Assert.False(migration.DirtyBitmap.Get(block));
        allocator.Isolate(block, KernelConstants.MaxOrder, PageState.Allocated);
        simulation.Kernel.Write(block, KernelConstants.MaxOrderPages);
        RunToEnd(simulation);
        MigrationResult result = migration.Result!;
        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(0, result.MismatchedPages);
        Assert.True(result.DirtyPagesPerRound[1] >= KernelConstants.MaxOrderPages);
    }

    [Fact]
    public void Hints_are_ignored_when_no_migration_is_running()
    {
        GuestMachine simulation = Migrating(Guest("idle"), new MigrationParameters(), SimDuration.NsPerSecond);
        RunToEnd(simulation);
        long skipped = simulation.Migration!.PagesSkippedByHint;
        simulation.Migration.ApplyHint(0, 1024);
        Assert.Equal(skipped, simulation.Migration.PagesSkippedByHint);
    }

    [Fact]
    public void Ping_pong_migrates_again_a_gap_after_each_migration_completes_until_cancelled()
    {
        var parameters = new MigrationParameters { PingPong = true, PingPongGapNs = 100 * SimDuration.NsPerMs };
        GuestMachine simulation = Migrating(Guest("build"), parameters, SimDuration.NsPerSecond);
        long? endedAt = null, nextAt = null;
        simulation.Events.Subscribe(e =>
        {
            switch (e)
            {
                case MigrationEnded ended when endedAt is null:
                    endedAt = ended.TimeNs;
                    break;
                case MigrationStarted started when endedAt is not null && nextAt is null:
                    nextAt = started.TimeNs;
                    break;
            }
        });
        simulation.Step(SimDuration.NsPerSecond);
        Assert.True(simulation.MigrationsStarted >= 3);
        Assert.Equal(parameters.PingPongGapNs, nextAt - endedAt);
        simulation.Enqueue(new CancelMigrationCommand());
        simulation.Step(0);
        Assert.False(simulation.PingPong);
        Assert.False(simulation.Migration!.IsActive);
        int started = simulation.MigrationsStarted;
        simulation.Step(SimDuration.NsPerSecond);
        Assert.Equal(started, simulation.MigrationsStarted);
    }

    [Fact]
    public void After_switchover_the_destination_backs_only_the_pages_it_received_in_full()
    {
        GuestMachine simulation = Migrating(Guest("idle", poison: PoisonMode.InitOnFree), new MigrationParameters(), SimDuration.NsPerSecond);
        long sourceRss = simulation.Ram.Backed.SetCount;
        RunToEnd(simulation);
        MigrationResult result = simulation.Migration!.Result!;
        long resent = result.DirtyPagesPerRound.Skip(1).Sum();
        Assert.InRange(simulation.Ram.Backed.SetCount, result.PagesNormal - resent, result.PagesNormal);
        Assert.True(simulation.Ram.Backed.SetCount < sourceRss / 4, "free memory zeroed by init_on_free is backed on the source but arrives as zero pages");
    }

    [Fact]
    public void Ping_pong_until_done_reports_when_the_build_finished_next_to_the_same_build_alone()
    {
        Assert.True(WorkloadSpec.TryParse("build,work=20s", out WorkloadSpec build, out _));
        SimulationOptions options = Guest("idle") with { Workload = build };
        PingPongResult result = PingPongRun.ExecuteUntilDone(options, new MigrationParameters(), startAfterNs: null, 10 * 60 * SimDuration.NsPerSecond);

        long alone = Assert.IsType<long>(result.WorkloadCompletedWithoutMigrationNs);
        long migrating = Assert.IsType<long>(result.WorkloadCompletedNs);
        Assert.InRange(alone, 5 * SimDuration.NsPerSecond, 5.2 * SimDuration.NsPerSecond);
        Assert.True(migrating > alone, "migrating stops the guest, so the build takes longer");
        Assert.True(migrating - alone >= result.TotalDowntimeNs * 0.9, "the build lost at least the time the guest was stopped");
        Assert.True(result.Migrations >= 2);
        Assert.Equal(0, result.MismatchedPages);
    }
}
