using System.CommandLine;
using System.Globalization;
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
/// `balloonviz host`: several guests on one host headless — their RSS competing for the host's memory, the host's swap
/// shared by all — and each guest's progress against the same guest running alone, so the slowdown shows.
/// </summary>
public static class HostCommand
{
    /// <summary>The most guests on one host.</summary>
    public const int MaxGuests = 32;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var guests = new Option<string[]>("--guest")
        {
            Description = "A guest on the host, SIZE:WORKLOAD[,KEY=VALUE...] (e.g. 8GiB:hog:6GiB,reporting=on,poison=init_on_free; build,work=20m as WORKLOAD); KEY is one of "
                + string.Join(", ", GuestSpec.Keys) + ", each overriding the option of that name for this guest. Give it once per guest.",
            HelpName = "SPEC",
            AllowMultipleArgumentsPerToken = false,
        };
        Option<string?> fit = new("--fit")
        {
            Description = "Instead of --guest: add guests of this SPEC until the next one would slow some guest's workload by more than 5% against running alone, and print how many fit.",
            HelpName = "SPEC",
        };
        Option<string?> migrateAway = new("--migrate-away")
        {
            Description = "Migrate this guest (its name, or its number from 1) off the host at --migrate-at while the others run: once the migration completes its memory leaves the host.",
            HelpName = "GUEST",
        };
        Option<long?> migrateAt = CliOptions.OptionalDuration("--migrate-at", "When the --migrate-away migration starts (default: at once).", minimumNs: 0, CliOptions.MaxRunNs);
        Option<bool> fitCompare = new("--fit-compare")
        {
            Description = "With --fit: count for each of reporting off and on, with the balloon policy none and auto.",
        };
        Option<long?> hostMemory = CliOptions.OptionalSize("--host-memory", "The host's memory for all its guests; beyond it the host swaps.");
        hostMemory.Required = true;
        Option<long?> swap = CliOptions.OptionalSize("--swap", "The host's swap device (default: as much as the guests need). When it is full the guests hold more than the host's memory, and the run says so.");
        Option<long?> swapRate = CliOptions.OptionalRate("--swap-rate", $"The swap device's throughput for 4 KiB pages, shared by all guests (default: {ByteSize.FormatAsInput(Simulation.Host.HostCosts.Default.SwapBytesPerSecond)}/s; a read also waits {SimDuration.Format(Simulation.Host.HostCosts.Default.SwapReadLatencyNs)}).");
        Option<long> duration = CliOptions.Duration("--duration", "Simulated time to run (e.g. 60s, 2m).", 60 * SimDuration.NsPerSecond, CliOptions.MaxRunNs);
        Option<Switch> reporting = CliOptions.OnOff("--reporting", "Every guest's device offers REPORTING unless its SPEC says reporting=.", false);
        Option<PoisonMode> poison = CliOptions.Poison();
        Option<Switch> initOnAlloc = CliOptions.OnOff("--init-on-alloc", "Every guest zeroes pages on allocation unless its SPEC says init-on-alloc=.", false);
        Option<Switch> deflateOnOom = CliOptions.OnOff("--deflate-on-oom", "Every guest's device offers DEFLATE_ON_OOM unless its SPEC says deflate-on-oom=.", false);
        Option<Switch> pagePoison = CliOptions.OnOff("--page-poison-feature", "Every guest's device offers PAGE_POISON unless its SPEC says page-poison-feature=.", true);
        Option<BalloonPolicy> policy = CliOptions.Choice(
            "--balloon-policy",
            "Who sets the guests' balloons: none (you do) or auto (oVirt MoM's auto-balloon rules: below 20% host free memory every guest shrinks by up to 5% each 10 s, not below what it uses plus a free share; above it ballooned guests grow back).",
            [("none", BalloonPolicy.None), ("auto", BalloonPolicy.Auto)]);
        Option<ulong> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();
        Option<bool> series = new("--series") { Description = "Also print one sample of the host per simulated second (with --json: a 'series' array)." };
        var command = new Command("host", "Run several guests on one host headless: host memory and swap shared by all, each guest's progress against the same guest alone.")
        {
            guests, fit, fitCompare, migrateAway, migrateAt, hostMemory, swap, swapRate, policy, duration, reporting, poison, initOnAlloc, deflateOnOom, pagePoison, seed, json, series,
        };
        command.SetAction(parse =>
        {
            string[] specs = parse.GetValue(guests) ?? [];
            string? fitSpec = parse.GetValue(fit);
            if ((specs.Length == 0) == (fitSpec is null))
            {
                throw new UsageException(fitSpec is null ? "give the guests with --guest SPEC (once per guest), or --fit SPEC" : "--fit counts guests of one SPEC; give it without --guest");
            }

            if (parse.GetValue(fitCompare) && fitSpec is null)
            {
                throw new UsageException("--fit-compare goes with --fit SPEC");
            }

            if (fitSpec is not null && (parse.GetValue(migrateAway) is not null || parse.GetValue(series)))
            {
                throw new UsageException("--fit counts guests and prints the counts; --migrate-away and --series go with --guest");
            }

            long capacity = parse.GetValue(hostMemory) ?? 0;
            long? swapBytes = parse.GetValue(swap);
            if (capacity <= 0 || swapBytes < 0)
            {
                throw new UsageException(capacity <= 0 ? "--host-memory must be larger than zero" : "--swap cannot be negative");
            }

            var defaults = new SimulationOptions
            {
                Guest = new GuestOptions { Poison = parse.GetValue(poison), InitOnAlloc = parse.GetValue(initOnAlloc) == Switch.On },
                Device = new DeviceProperties
                {
                    FreePageReporting = parse.GetValue(reporting) == Switch.On,
                    DeflateOnOom = parse.GetValue(deflateOnOom) == Switch.On,
                    PagePoison = parse.GetValue(pagePoison) == Switch.On,
                },
                Seed = parse.GetValue(seed),
            };
            HostOptions host = SharedHost(capacity, swapBytes, parse.GetValue(swapRate));

            long durationNs = parse.GetValue(duration);
            if (fitSpec is not null)
            {
                GuestSpec.Parse(fitSpec, 1, defaults, "--fit");
                Fit(parse, host, fitSpec, defaults, parse.GetValue(fitCompare), parse.GetValue(policy), durationNs, parse.GetValue(json));
                return 0;
            }

            GuestSpec[] parsed = ParseGuests(specs, defaults);
            (int, long)? away = parse.GetValue(migrateAway) is string who ? (GuestIndex(who, parsed), parse.GetValue(migrateAt) ?? 0) : null;
            if (away is null && parse.GetValue(migrateAt) is not null)
            {
                throw new UsageException("--migrate-at goes with --migrate-away GUEST");
            }

            if (away is (_, long at) && at >= durationNs)
            {
                throw new UsageException($"--migrate-at {SimDuration.Format(at)} is not before the run ends (--duration {SimDuration.Format(durationNs)})");
            }

            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "running");
            HostRun run = HostRun.Execute(host, parsed, parse.GetValue(policy), durationNs, parse.GetValue(series), away, (done, total) => progress.Update(done / total, $"{SimDuration.Format((long)done)} of {SimDuration.Format((long)total)} simulated"));
            progress.Clear();
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, run.ToJson());
            }
            else
            {
                WriteTable(output, run);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Every --guest SPEC, guest n parsed as the nth on top of <paramref name="defaults"/>; more than <see cref="MaxGuests"/> is a usage error.</summary>
    public static GuestSpec[] ParseGuests(IReadOnlyList<string> specs, SimulationOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(specs);
        return specs.Count <= MaxGuests
            ? [.. specs.Select((text, i) => GuestSpec.Parse(text, i + 1, defaults))]
            : throw new UsageException($"--guest: at most {MaxGuests} guests on one host, not {specs.Count}");
    }

    /// <summary>The host several guests share: its memory, its swap device's size (null: as needed) and throughput (null: the default).</summary>
    public static HostOptions SharedHost(long capacityBytes, long? swapBytes, long? swapBytesPerSecond)
    {
        var host = new HostOptions { CapacityBytes = capacityBytes, SwapBytes = swapBytes };
        return swapBytesPerSecond is long rate ? host with { Costs = host.Costs with { SwapBytesPerSecond = rate } } : host;
    }

    /// <summary>--fit: the count for the options given, or with --fit-compare for reporting off and on × policy none and auto.</summary>
    private static void Fit(ParseResult parse, HostOptions host, string spec, SimulationOptions defaults, bool compare, BalloonPolicy policy, long durationNs, bool json)
    {
        (string Label, bool Reporting, BalloonPolicy Policy)[] sets = compare
            ?
            [
                ("reporting off, policy none", false, BalloonPolicy.None),
                ("reporting on, policy none", true, BalloonPolicy.None),
                ("reporting off, policy auto", false, BalloonPolicy.Auto),
                ("reporting on, policy auto", true, BalloonPolicy.Auto),
            ]
            : [(FeatureLabel(defaults.Device.FreePageReporting, policy), defaults.Device.FreePageReporting, policy)];
        var progress = new ProgressBar(parse.InvocationConfiguration.Error, "fitting");
        List<HostFit> fits = [];
        foreach ((string label, bool reporting, BalloonPolicy setPolicy) in sets)
        {
            SimulationOptions set = defaults with { Device = defaults.Device with { FreePageReporting = reporting } };
            fits.Add(HostFit.Find(label, host, n => GuestSpec.Parse(spec, n, set), setPolicy, durationNs, n => progress.Update((fits.Count + (n / (double)MaxGuests)) / sets.Length, $"{label}: {n} guests")));
        }

        progress.Clear();
        TextWriter output = parse.InvocationConfiguration.Output;
        if (json)
        {
            JsonOutput.Write(output, new System.Text.Json.Nodes.JsonObject
            {
                ["spec"] = spec,
                ["hostMemoryBytes"] = host.CapacityBytes,
                ["maxSlowdown"] = HostFit.MaxSlowdown,
                ["fits"] = new System.Text.Json.Nodes.JsonArray([.. fits.Select(f => (System.Text.Json.Nodes.JsonNode)f.ToJson())]),
            });
            return;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine($"guests of {spec} that fit on {ByteSize.Format(host.CapacityBytes ?? 0)}, none slower than {HostFit.MaxSlowdown.ToString("0%", c)} against running alone ({SimDuration.Format(durationNs)} each):");
        ColumnTable.Write(
            output,
            ["features", "fit", "one more would slow"],
            [.. fits.Select(f => (IReadOnlyList<string>)[f.Label, f.Count == MaxGuests ? $"{MaxGuests} or more" : f.Count.ToString(c), f.NextSlowdown is double s ? $"{f.NextSlowest} by {s.ToString("0.0%", c)}" : "-"])]);
    }

    private static int GuestIndex(string who, GuestSpec[] guests)
    {
        for (int i = 0; i < guests.Length; i++)
        {
            if (guests[i].Name == who)
            {
                return i;
            }
        }

        return int.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= guests.Length
            ? number - 1
            : throw new UsageException($"--migrate-away: no guest {Quoting.Quote(who)}; the guests are {string.Join(", ", guests.Select(g => g.Name))} (or 1 to {guests.Length})");
    }

    private static string FeatureLabel(bool reporting, BalloonPolicy policy) =>
        $"reporting {(reporting ? "on" : "off")}, policy {(policy == BalloonPolicy.Auto ? "auto" : "none")}";

    private static void WriteTable(TextWriter output, HostRun run)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        HostSample end = run.Final;
        string Size(long bytes) => ByteSize.Format(bytes);
        (string, string)[] hostRows =
        [
            ("host memory", Size(run.CapacityBytes)),
            ("swap", run.SwapBytes is long swap ? Size(swap) : "as needed"),
            ("balloon policy", run.Policy == BalloonPolicy.Auto ? $"auto (MoM), {run.PolicyTargets} targets set" : "none"),
            ("simulated time", SimDuration.Format((long)(end.T * SimDuration.NsPerSecond))),
            ("guests' RSS", Size(end.GuestRssBytes.Sum())),
            ("host free", end.FreeBytes >= 0 ? Size(end.FreeBytes) : $"none: {Size(-end.FreeBytes)} over (swap full)"),
            ("in swap", Size(end.SwapUsedBytes)),
            ("swapped out / in", $"{Size(end.PagesSwappedOut * KernelConstants.PageSize)} / {Size(end.PagesSwappedIn * KernelConstants.PageSize)}"),
            ("guests stalled on swap", SimDuration.Format((long)(end.SwapStallMs * SimDuration.NsPerMs))),
        ];
        TextTable.Write(output, hostRows);
        output.WriteLine();
        List<IReadOnlyList<string>> rows = [];
        foreach (HostGuestResult guest in run.Guests)
        {
            RunSample f = guest.Final;
            rows.Add(
            [
                guest.Name,
                Size(guest.MemoryBytes),
                guest.Workload,
                Size(f.HostRssBytes),
                Size(f.SwappedPages * KernelConstants.PageSize),
                Size(f.PagesBallooned * KernelConstants.PageSize),
                SimDuration.Format((long)(guest.SwapStallMs * SimDuration.NsPerMs)),
                string.Create(c, $"{f.WorkloadProgress.Done:0.##} {f.WorkloadProgress.Unit}"),
                string.Create(c, $"{guest.ProgressAlone:0.##}"),
                guest.Slowdown is double slowdown ? slowdown.ToString("+0.0%;-0.0%;0.0%", c) : "-",
            ]);
        }

        ColumnTable.Write(output, ["guest", "memory", "workload", "RSS", "in swap", "balloon", "stalled", "progress", "alone", "slower by"], rows);
        foreach (HostGuestResult away in run.Guests.Where(g => g.Migration is not null))
        {
            Simulation.Migration.MigrationResult m = away.Migration!;
            output.WriteLine(away.LeftHostAtNs is long left
                ? $"{away.Name} migrated away in {SimDuration.Format(m.TotalTimeNs)} ({SimDuration.Format(m.DowntimeNs)} downtime, {(m.Verified && m.MismatchedPages == 0 ? "verified" : "NOT verified")}) and left the host at {SimDuration.Format(left)}"
                : $"{away.Name}'s migration away did not complete ({m.Outcome}); it stays on the host");
        }

        foreach (string note in run.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        if (run.Series is { } series)
        {
            output.WriteLine();
            ColumnTable.Write(
                output,
                ["t", "free", "in swap", "out/s", .. run.Guests.Select(g => g.Name)],
                [.. series.Zip(series.Prepend(series[0])).Select(((HostSample Now, HostSample Before) p) => (IReadOnlyList<string>)
                [
                    SimDuration.Format((long)(p.Now.T * SimDuration.NsPerSecond)),
                    p.Now.FreeBytes >= 0 ? Size(p.Now.FreeBytes) : "-" + Size(-p.Now.FreeBytes),
                    Size(p.Now.SwapUsedBytes),
                    Size((p.Now.PagesSwappedOut - p.Before.PagesSwappedOut) * KernelConstants.PageSize),
                    .. p.Now.GuestRssBytes.Select(Size),
                ])]);
        }
    }
}
