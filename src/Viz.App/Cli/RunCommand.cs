using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>`balloonviz run`: runs a guest headless for a simulated duration and prints the final figures.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guest = new GuestArguments();
        Option<long> duration = CliOptions.Duration("--duration", "Simulated time to run (e.g. 60s, 1500ms, 2m).", 60 * SimDuration.NsPerSecond, CliOptions.MaxRunNs);
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint). QEMU asks for hints only during a migration, which run does not start: see migrate and compare.", false);
        Option<string?> hintRun = new Option<string?>("--hint-run")
        {
            Description = "Start a Firecracker-style hint run at the start (needs --hinting on and --hint-mode discard): ack says DONE as soon as the guest's pass ends (Firecracker's acknowledge_on_stop), noack keeps the blocks hinted until the run ends.",
            HelpName = "ack|noack",
            Validators =
            {
                result =>
                {
                    string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                    if (text is not ("ack" or "noack"))
                    {
                        result.AddError($"--hint-run takes ack or noack, not {Quoting.Quote(text)}");
                    }
                },
            },
        }.Taking("ack", "noack");
        Option<long?> hintRunAt = CliOptions.OptionalDuration("--hint-run-at", "When the --hint-run starts (default: at once), e.g. after a hog freed its memory.", minimumNs: 0, CliOptions.MaxRunNs);
        Option<long?> balloon = CliOptions.OptionalSize("--balloon", "Balloon size the host asks for at start: num_pages = SIZE / 4KiB (e.g. 2GiB).");
        var format = new OutputArguments();
        Option<bool> series = new("--series") { Description = "Also print one sample per simulated second: a table after the final figures (with --json: a 'series' array; with --csv: one row per sample instead of the final figures)." };
        var command = new Command("run", "Run a guest headless for a simulated duration and print its memory figures.")
        {
            duration, hinting, hintRun, hintRunAt, balloon, series,
        };
        guest.AddTo(command);
        format.AddTo(command);
        command.SetAction(parse =>
        {
            OutputFormat outputFormat = format.Read(parse);
            SimulationOptions options = guest.Read(parse, parse.GetValue(hinting) == Switch.On);
            long? balloonBytes = parse.GetValue(balloon);
            if (balloonBytes > options.Guest.MemoryBytes)
            {
                throw new UsageException($"--balloon cannot be larger than the guest's memory ({ByteSize.Format(options.Guest.MemoryBytes)})");
            }

            string? run = parse.GetValue(hintRun);
            if (run is not null && (!options.Device.FreePageHint || options.Host.HintConsumer != FreePageHintConsumer.Discard))
            {
                throw new UsageException("--hint-run needs --hinting on and --hint-mode discard: QEMU hints only during a migration");
            }

            long durationNs = parse.GetValue(duration);
            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "running");
            RunResult result = Execute(
                options, durationNs, parse.GetValue(series), balloonBytes, run is null ? null : (run == "ack", parse.GetValue(hintRunAt) ?? 0), doneNs => progress.Update(doneNs / (double)durationNs, $"{SimDuration.Format(doneNs)} of {SimDuration.Format(durationNs)} simulated"));
            progress.Clear();
            TextWriter output = parse.InvocationConfiguration.Output;
            switch (outputFormat)
            {
                case OutputFormat.Json:
                    JsonOutput.Write(output, result.ToJson());
                    break;
                case OutputFormat.Csv:
                    CsvOutput.Write(output, result.Series ?? [result.Final]);
                    break;
                default:
                    WriteTable(output, result);
                    if (result.Series is not null)
                    {
                        output.WriteLine();
                        SeriesTable.Write(output, result.Series);
                    }

                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs the simulation and collects the final sample (and one per second when asked). A balloon size is asked for
    /// at the start, and a Firecracker-style hint run at its time when <paramref name="hintRun"/> is set (QEMU asks for hints only from a migration's precopy notifier). <paramref name="progress"/> hears
    /// the simulated time run so far after each simulated second.
    /// </summary>
    public static RunResult Execute(SimulationOptions options, long durationNs, bool withSeries, long? balloonBytes = null, (bool AcknowledgeOnStop, long AtNs)? hintRun = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulation = new GuestMachine(options);
        if (balloonBytes is long bytes)
        {
            simulation.Enqueue(new SetBalloonTargetCommand(bytes));
        }

        if (hintRun is (bool acknowledge, long at))
        {
            simulation.Queue.ScheduleAfter(at, () => simulation.Enqueue(new HintRunCommand(Start: true, acknowledge)));
        }

        List<RunSample>? samples = withSeries ? [RunSample.Of(simulation)] : null;
        long end = simulation.NowNs + durationNs;
        while (simulation.NowNs < end)
        {
            simulation.RunUntil(Math.Min(end, simulation.NowNs + SimDuration.NsPerSecond));
            samples?.Add(RunSample.Of(simulation));
            progress?.Invoke(durationNs - (end - simulation.NowNs));
        }

        return RunResult.Of(options, simulation, samples);
    }

    private static void WriteTable(TextWriter output, RunResult result)
    {
        RunSample f = result.Final;
        string Mib(long pages) => ByteSize.Format(pages * KernelConstants.PageSize);
        (string Name, string Value)[] rows =
        [
            ("guest memory", ByteSize.Format(result.MemoryBytes)),
            ("workload", $"{f.WorkloadProgress.Workload} ({f.WorkloadProgress.Phase})"),
            ("simulated time", SimDuration.Format((long)(f.T * SimDuration.NsPerSecond))),
            ("host RSS", ByteSize.Format(f.HostRssBytes)),
            ("free", Mib(f.PagesFree)),
            ("allocated", Mib(f.PagesAllocated)),
            ("  of which page cache", Mib(f.PageCachePages)),
            ("kernel (reserved)", Mib(f.PagesKernel)),
            ("reported", Mib(f.PagesReported)),
            ("hinted", Mib(f.PagesHinted)),
            ("ballooned", Mib(f.PagesBallooned)),
            ("poisoned", Mib(f.PagesPoisoned)),
            ("negotiated features", f.NegotiatedFeatures.Count == 0 ? "none" : string.Join(",", f.NegotiatedFeatures)),
            ("balloon target", Mib(f.BalloonTargetPages)),
            ("reports sent", f.Reports.ToString(CultureInfo.InvariantCulture)),
            ("host discards", Mib(f.Discards)),
            ("host swap out / in", $"{Mib(f.SwapOutPages)} / {Mib(f.SwapInPages)}"),
            ("in host swap now", Mib(f.SwappedPages)),
            ("host swap I/O time", SimDuration.Format((long)(f.SwapIoMs * SimDuration.NsPerMs))),
            ("refaults", f.Refaults.ToString(CultureInfo.InvariantCulture)),
            ("poison errors (pages)", f.PoisonErrors.ToString(CultureInfo.InvariantCulture)),
            ("out-of-memory events", f.OomEvents.ToString(CultureInfo.InvariantCulture)),
            ("work done", string.Create(CultureInfo.InvariantCulture, $"{f.WorkloadProgress.Done:0.##} {f.WorkloadProgress.Unit} ({f.WorkloadProgress.PerSecond:0.##}/s)")),
        ];
        TextTable.Write(output, rows);
    }
}

/// <summary>What `balloonviz run` found: the run's settings, the final figures, and the series when asked.</summary>
public sealed record RunResult
{
    /// <summary>Guest RAM.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The guest's poison mode.</summary>
    public required PoisonMode Poison { get; init; }

    /// <summary>Whether allocations zero pages.</summary>
    public required bool InitOnAlloc { get; init; }

    /// <summary>The balloon device's properties, as a QEMU user writes them.</summary>
    public required string Device { get; init; }

    /// <summary>The host memory for the guest, or null for unlimited.</summary>
    public required long? HostMemoryBytes { get; init; }

    /// <summary>Whether the unsafe discard what-if was on.</summary>
    public required bool UnsafeDiscard { get; init; }

    /// <summary>The figures at the end of the run.</summary>
    public required RunSample Final { get; init; }

    /// <summary>One sample per simulated second, from boot, when --series was given.</summary>
    public IReadOnlyList<RunSample>? Series { get; init; }

    /// <summary>The result of <paramref name="guest"/>, built from <paramref name="options"/>, as it is now; <paramref name="series"/> when recorded.</summary>
    public static RunResult Of(SimulationOptions options, GuestMachine guest, IReadOnlyList<RunSample>? series = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guest);
        return new RunResult
        {
            MemoryBytes = guest.Kernel.Memory.Bytes,
            Seed = options.Seed,
            Poison = guest.Kernel.Poison,
            InitOnAlloc = guest.Kernel.InitOnAlloc,
            Device = options.Device.ToString(),
            HostMemoryBytes = options.Host.CapacityBytes,
            UnsafeDiscard = options.Host.UnsafeDiscard,
            Final = RunSample.Of(guest),
            Series = series,
        };
    }

    /// <summary>One JSON object: the final figures at the top level, the settings beside them, and `series` when recorded.</summary>
    public JsonObject ToJson()
    {
        JsonObject json = JsonSerializer.SerializeToNode(Final, JsonOutput.Options)!.AsObject();
        json["memoryBytes"] = MemoryBytes;
        json["seed"] = Seed;
        json["poison"] = JsonSerializer.SerializeToNode(Poison, JsonOutput.Options);
        json["initOnAlloc"] = InitOnAlloc;
        json["device"] = Device;
        json["hostMemoryBytes"] = HostMemoryBytes;
        json["unsafeDiscard"] = UnsafeDiscard;
        if (Series is not null)
        {
            json["series"] = JsonSerializer.SerializeToNode(Series, JsonOutput.Options);
        }

        return json;
    }
}
