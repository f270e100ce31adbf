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
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        Option<long?> hostMemory = CliOptions.OptionalSize("--host-memory", "The host's memory for all its guests; beyond it the host swaps.");
        hostMemory.Required = true;
        Option<long?> swap = CliOptions.OptionalSize("--swap", "The host's swap device (default: as much as the guests need). When it is full the guests hold more than the host's memory, and the run says so.");
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
            guests, hostMemory, swap, policy, duration, reporting, poison, initOnAlloc, deflateOnOom, pagePoison, seed, json, series,
        };
        command.SetAction(parse =>
        {
            string[] specs = parse.GetValue(guests) ?? [];
            if (specs.Length > MaxGuests)
            {
                throw new UsageException($"--guest: at most {MaxGuests} guests on one host, not {specs.Length}");
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
            GuestSpec[] parsed = [.. specs.Select((text, i) => GuestSpec.Parse(text, i + 1, defaults))];
            var host = new HostOptions { CapacityBytes = capacity, SwapBytes = swapBytes };
            long durationNs = parse.GetValue(duration);
            var progress = new ProgressBar(parse.InvocationConfiguration.Error, "running");
            HostRun run = HostRun.Execute(host, parsed, parse.GetValue(policy), durationNs, parse.GetValue(series), (done, total) => progress.Update(done / total, $"{SimDuration.Format((long)done)} of {SimDuration.Format((long)total)} simulated"));
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
        foreach (string note in run.Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }
}
