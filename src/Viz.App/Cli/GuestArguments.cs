using System.CommandLine;
using Viz.App.Common;
using Viz.Simulation.Guest;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>
/// The options that describe the guest, its balloon device and its host, shared by run, migrate and compare. Free
/// page hinting is left to each command (compare runs with it off and on).
/// </summary>
public sealed class GuestArguments
{
    private readonly Option<long> _memory = CliOptions.Memory();
    private readonly Option<WorkloadSpec> _workload = CliOptions.Workload();
    private readonly Option<PoisonMode> _poison = CliOptions.Poison();
    private readonly Option<Switch> _initOnAlloc = CliOptions.OnOff("--init-on-alloc", "Zero pages on allocation (init_on_alloc=1).", false);
    private readonly Option<Switch> _reporting = CliOptions.OnOff("--reporting", "Device offers REPORTING (QEMU free-page-reporting).", false);
    private readonly Option<Switch> _pagePoison = CliOptions.OnOff("--page-poison-feature", "Device offers PAGE_POISON (QEMU page-poison, on by default).", true);
    private readonly Option<Switch> _deflateOnOom = CliOptions.OnOff("--deflate-on-oom", "Device offers DEFLATE_ON_OOM (QEMU deflate-on-oom).", false);
    private readonly Option<bool> _unsafeDiscard = new("--unsafe-discard") { Description = "UNSAFE what-if: the host discards reported pages even when poison_val is not zero." };
    private readonly Option<long?> _hostMemory = CliOptions.OptionalSize("--host-memory", "Host memory for the guest; beyond it the host swaps (default: unlimited).");
    private readonly Option<FreePageHintDesign> _hintDesign = CliOptions.Choice(
        "--hint-design",
        "The guest driver's free page hinting: upstream (holds 4 MiB blocks until DONE) or v28 (Wei Wang's v28 patch series: hints every free block, which stays free; unsafe with page_poison).",
        [("upstream", FreePageHintDesign.Upstream), ("v28", FreePageHintDesign.V28)]);

    private readonly Option<long?> _footprint = CliOptions.OptionalSize(
        "--footprint",
        $"What the guest uses once booted, before the workload: its daemons' memory and the page cache boot read (MemTotal minus MemFree in /proc/meminfo, less the kernel's reservations). At most half the guest. Default: {ByteSize.FormatAsInput(GuestOptions.DefaultFootprintBytes)}, at most a tenth of the guest; fitted to the idle 8 GiB guest the free page hinting patches measured (1817 ms, 254 ms).");

    private readonly Option<string?> _meminfo = CliOptions.FilePath(
        "--meminfo", "The guest's /proc/meminfo saved as a file: its MemTotal minus MemFree becomes the footprint (instead of --footprint).");

    private readonly Option<string?> _buddyinfo = CliOptions.FilePath(
        "--buddyinfo", "The guest's /proc/buddyinfo saved as a file: the share of its free memory in 4 MiB blocks (the only ones upstream free page hinting hints) becomes the booted guest's; boot splits free 4 MiB blocks, keeping one page of each, until the share is no larger (a share above what boot leaves changes nothing).");

    private readonly Option<FreePageHintConsumer> _hintMode = CliOptions.Choice(
        "--hint-mode",
        "What the host does with free page hints: migration (QEMU: hints only during a migration, which skips them) or discard (Firecracker: host-driven hint runs outside migration whose ranges are discarded to cut host RSS; see run --hint-run).",
        [("migration", FreePageHintConsumer.Migration), ("discard", FreePageHintConsumer.Discard)]);

    private readonly Option<ulong> _seed = CliOptions.Seed();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option option in new Option[] { _memory, _workload, _poison, _initOnAlloc, _reporting, _pagePoison, _deflateOnOom, _unsafeDiscard, _hostMemory, _hintDesign, _hintMode, _footprint, _meminfo, _buddyinfo, _seed })
        {
            command.Add(option);
        }
    }

    /// <summary>The simulation the options describe, with free page hinting offered or not.</summary>
    public SimulationOptions Read(ParseResult parse, bool hinting)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(_hostMemory) <= 0)
        {
            throw new UsageException("--host-memory must be larger than zero");
        }

        long memory = parse.GetValue(_memory);
        WorkloadSpec workload = parse.GetRequiredValue(_workload);
        if (workload.SizeBytes > memory)
        {
            throw new UsageException($"--workload {workload}: its size is larger than the guest; at most the guest's memory ({ByteSize.FormatAsInput(memory)})");
        }

        long? footprint = parse.GetValue(_footprint);
        if (parse.GetValue(_meminfo) is string meminfo)
        {
            footprint = footprint is null ? MeminfoFile.Footprint(meminfo) : throw new UsageException("--footprint and --meminfo both give the footprint; give one");
        }

        if (footprint is long bytes && CliOptions.FootprintProblem(bytes, memory) is string problem)
        {
            throw new UsageException($"--footprint {ByteSize.FormatAsInput(bytes)}: {problem}");
        }

        return new SimulationOptions
        {
            Guest = new GuestOptions
            {
                MemoryBytes = memory,
                FootprintBytes = footprint,
                MaxOrderFreeShare = parse.GetValue(_buddyinfo) is string buddyinfo ? BuddyinfoFile.MaxOrderFreeShare(buddyinfo) : null,
                Poison = parse.GetValue(_poison),
                InitOnAlloc = parse.GetValue(_initOnAlloc) == Switch.On,
                HintDesign = parse.GetValue(_hintDesign),
            },
            Workload = workload,
            Seed = parse.GetValue(_seed),
            Device = new DeviceProperties
            {
                FreePageHint = hinting,
                FreePageReporting = parse.GetValue(_reporting) == Switch.On,
                PagePoison = parse.GetValue(_pagePoison) == Switch.On,
                DeflateOnOom = parse.GetValue(_deflateOnOom) == Switch.On,
            },
            Host = new HostOptions
            {
                CapacityBytes = parse.GetValue(_hostMemory),
                HintConsumer = parse.GetValue(_hintMode),
                UnsafeDiscard = parse.GetValue(_unsafeDiscard),
            },
        };
    }
}
