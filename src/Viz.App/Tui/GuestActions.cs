using Viz.App.Tui.Panels;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Tui;

/// <summary>
/// What each of the visualizer's guest keys asks the simulation for, worked out from the latest frame alone (so the
/// next value of a toggle is always the simulation's own), with the line the status bar says. Pure.
/// </summary>
public static class GuestActions
{
    /// <summary>p: the poison mode after the guest's (off, page_poison, init_on_free).</summary>
    public static GuestAction CyclePoison(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        PoisonMode next = features.Poison switch
        {
            PoisonMode.Off => PoisonMode.PagePoison,
            PoisonMode.PagePoison => PoisonMode.InitOnFree,
            _ => PoisonMode.Off,
        };
        return new(new SetPoisoningCommand(next, features.InitOnAllocRequested), $"poison mode: {PanelText.PoisonName(next)}");
    }

    /// <summary>a: init_on_alloc the other way.</summary>
    public static GuestAction ToggleInitOnAlloc(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        bool next = !features.InitOnAllocRequested;
        return new(new SetPoisoningCommand(features.Poison, next), $"init_on_alloc: {(next ? "on" : "off")}");
    }

    /// <summary>w: the workload after the guest's, with its default size and rate.</summary>
    public static GuestAction CycleWorkload(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var spec = new WorkloadSpec((WorkloadKind)(((int)features.Workload.Kind + 1) % WorkloadSpec.Names.Count));
        return new(new SetWorkloadCommand(spec), $"workload: {spec}");
    }

    /// <summary>h: free-page-hint the other way; a device reset (hinting only runs during a migration).</summary>
    public static GuestAction ToggleHinting(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        DeviceProperties next = features.Device with { FreePageHint = !features.Device.FreePageHint };
        return new(new SetDevicePropertiesCommand(next), $"free-page-hint={OnOff(next.FreePageHint)}: device reset and renegotiated; hints flow during a migration (m)");
    }

    /// <summary>r: free-page-reporting the other way; a device reset.</summary>
    public static GuestAction ToggleReporting(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        DeviceProperties next = features.Device with { FreePageReporting = !features.Device.FreePageReporting };
        return new(new SetDevicePropertiesCommand(next), $"free-page-reporting={OnOff(next.FreePageReporting)}: device reset and renegotiated");
    }

    /// <summary>o: deflate-on-oom the other way; a device reset.</summary>
    public static GuestAction ToggleDeflateOnOom(FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(features);
        DeviceProperties next = features.Device with { DeflateOnOom = !features.Device.DeflateOnOom };
        return new(new SetDevicePropertiesCommand(next), $"deflate-on-oom={OnOff(next.DeflateOnOom)}: device reset and renegotiated");
    }

    /// <summary>
    /// i and d: a new balloon target an eighth of the guest away, as QEMU's <c>balloon</c> command sets one: inflating
    /// from the device's target, deflating from the balloon's size now (after deflate-on-OOM shrank it below the target,
    /// a deflate must not make it grow), never beyond seven eighths of the guest. Null command: nothing to do, and why.
    /// </summary>
    public static GuestAction StepBalloon(FeatureState features, long totalPages, bool inflate)
    {
        ArgumentNullException.ThrowIfNull(features);
        long step = totalPages / 8;
        long most = totalPages - step;
        long target = features.Balloon.NumPages;
        long actual = features.Balloon.Actual;
        if (inflate && target >= most)
        {
            return new(null, $"balloon target stays at {PanelText.Bytes(target)}: the guest keeps at least an eighth of its memory");
        }

        long next = inflate ? Math.Min(most, target + step) : Math.Max(0, Math.Min(target, actual) - step);
        return new(new SetBalloonTargetCommand(next * KernelConstants.PageSize), $"balloon target: {PanelText.Bytes(next)} ({(inflate ? "inflate" : "deflate")})");
    }

    /// <summary>m and M: cancel the running migration, or start one (a ping-pong with M) with <paramref name="parameters"/>.</summary>
    public static GuestAction StartOrCancelMigration(SimFrame frame, bool pingPong, MigrationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Migration is { Active: true })
        {
            return new(new CancelMigrationCommand(), "migration cancelled: the guest stays on the source, hinted blocks go back (DONE)");
        }

        bool hinting = frame.Features.Negotiated.HasFlag(BalloonFeatures.FreePageHint);
        return new(
            new StartMigrationCommand(parameters with { PingPong = pingPong }),
            pingPong ? "ping-pong migration: back and forth until m or M cancels it" : $"live migration started ({(hinting ? "with" : "without")} free page hinting)");
    }

    /// <summary>x: the options a fresh boot gets: those the visualizer started with, the toggles as they are now.</summary>
    public static SimulationOptions RestartOptions(SimulationOptions start, FeatureState features)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(features);
        return start with
        {
            Guest = start.Guest with { Poison = features.Poison, InitOnAlloc = features.InitOnAllocRequested },
            Device = features.Device,
            Workload = features.Workload,
        };
    }

    /// <summary>
    /// H: start a Firecracker-style hint run (with acknowledge_on_stop), or stop the one running; only in the discard
    /// hint mode, which the guest starts in (--hint-mode discard).
    /// </summary>
    public static GuestAction StartOrStopHintRun(FeatureState features, bool discardMode)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!discardMode)
        {
            return new(null, "hint runs are Firecracker's: start with --hint-mode discard (QEMU hints only during a migration, m)");
        }

        if (!features.Negotiated.HasFlag(BalloonFeatures.FreePageHint))
        {
            return new(null, "no hint run: free page hinting is off (h)");
        }

        bool running = features.Balloon.HintStatus is Simulation.Host.HintStatus.Requested or Simulation.Host.HintStatus.Start;
        return running
            ? new(new HintRunCommand(Start: false), "hint run stopped: DONE, the guest frees its hinted blocks")
            : new(new HintRunCommand(Start: true), "hint run started: the host discards each hinted range (Firecracker); DONE when the guest's pass ends");
    }

    /// <summary>The smallest guest g and G go to: the CLI's smallest.</summary>
    public const long MinGuestBytes = 64L << 20;

    /// <summary>
    /// The largest guest g goes to: 64 GiB, where a boot still takes well under a second; larger guests start from the
    /// command line (--memory, up to 1 TiB).
    /// </summary>
    public const long MaxGuestBytes = 64L << 30;

    /// <summary>
    /// <paramref name="options"/> with a guest twice (or half) the size; false, with the reason, when that leaves
    /// <see cref="MinGuestBytes"/>–<see cref="MaxGuestBytes"/> or the workload's size would not fit.
    /// </summary>
    public static bool TryResize(SimulationOptions options, bool grow, out SimulationOptions resized, out string message)
    {
        ArgumentNullException.ThrowIfNull(options);
        long now = options.Guest.MemoryBytes;
        long next = grow ? now * 2 : now / 2;
        resized = options with { Guest = options.Guest with { MemoryBytes = next } };
        if (next > MaxGuestBytes || next < MinGuestBytes)
        {
            message = grow
                ? $"guest size stays {ByteSize.Format(now)}: g goes up to {ByteSize.Format(MaxGuestBytes)} (start with --memory for up to 1 TiB)"
                : $"guest size stays {ByteSize.Format(now)}: G goes down to {ByteSize.Format(MinGuestBytes)}";
            return false;
        }

        if (options.Workload.SizeBytes is long size && size > next)
        {
            message = $"guest size stays {ByteSize.Format(now)}: {options.Workload} does not fit a {ByteSize.Format(next)} guest (w switches the workload)";
            return false;
        }

        message = $"guest size {ByteSize.Format(next)}: a fresh boot with {options.Workload} and the options in force now";
        return true;
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}

/// <summary>A key's request to the simulation (none when there is nothing to do) and what the status bar says.</summary>
/// <param name="Command">The command to post, or null.</param>
/// <param name="Message">The status line.</param>
public sealed record GuestAction(ISimCommand? Command, string Message);
