using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.Simulation.Host;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>What `balloonviz host` found: the host at the end (and each second when asked) and every guest.</summary>
public sealed record HostRun
{
    /// <summary>The host's memory.</summary>
    public required long CapacityBytes { get; init; }

    /// <summary>The host's swap device, or null for as much as needed.</summary>
    public required long? SwapBytes { get; init; }

    /// <summary>Who set the balloons.</summary>
    public required BalloonPolicy Policy { get; init; }

    /// <summary>Balloon targets the auto policy set.</summary>
    public required int PolicyTargets { get; init; }

    /// <summary>The host at the end.</summary>
    public required HostSample Final { get; init; }

    /// <summary>One sample a simulated second from the start, when asked.</summary>
    public IReadOnlyList<HostSample>? Series { get; init; }

    /// <summary>Each guest, in the order given.</summary>
    public required IReadOnlyList<HostGuestResult> Guests { get; init; }

    /// <summary>What the user should know about the run (a host smaller than the guests' kernels, a full swap device).</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            List<string> notes = [];
            long kernels = Guests.Sum(g => g.Final.PagesKernel) * KernelConstants.PageSize;
            if (CapacityBytes < kernels)
            {
                notes.Add($"the host's memory ({ByteSize.Format(CapacityBytes)}) is smaller than the guests' kernels ({ByteSize.Format(kernels)}): the rest of every guest lives in swap");
            }

            if (Final.FreeBytes < 0)
            {
                notes.Add($"the swap device is full: the guests hold {ByteSize.Format(-Final.FreeBytes)} more than the host's memory");
            }

            return notes;
        }
    }

    /// <summary>
    /// Runs <paramref name="guests"/> together on a host of <paramref name="host"/> for <paramref name="durationNs"/>,
    /// then each alone on a host without limits for as long, for its progress alone. <paramref name="progress"/> hears
    /// the simulated time done of all the runs' in all, after each simulated second.
    /// </summary>
    public static HostRun Execute(
        HostOptions host, IReadOnlyList<GuestSpec> guests, BalloonPolicy policy, long durationNs, bool withSeries, (int Guest, long AtNs)? migrateAway = null, Action<double, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guests);
        var machine = new HostMachine(host, [.. guests.Select(g => g.Options with { Host = g.Options.Host with { CapacityBytes = host.CapacityBytes, SwapBytes = host.SwapBytes } })], policy);
        long? leftAtNs = null;
        if (migrateAway is (int away, long atNs))
        {
            machine.Events.Subscribe(e => leftAtNs = e is GuestLeftHost ? e.TimeNs : leftAtNs);
            machine.Queue.ScheduleAfter(atNs, () => machine.MigrateAway(machine.Guests[away], new Simulation.Migration.MigrationParameters()));
        }

        double total = (double)durationNs * (1 + guests.Count);
        List<HostSample>? series = withSeries ? [HostSample.Of(machine)] : null;
        while (machine.NowNs < durationNs)
        {
            machine.Step(Math.Min(SimDuration.NsPerSecond, durationNs - machine.NowNs));
            series?.Add(HostSample.Of(machine));
            progress?.Invoke(machine.NowNs, total);
        }

        var results = new List<HostGuestResult>();
        for (int i = 0; i < guests.Count; i++)
        {
            double doneBefore = (double)durationNs * (1 + i);
            double alone = HostSlowdown.ProgressAlone(guests[i].Options, durationNs, doneNs => progress?.Invoke(doneBefore + doneNs, total));
            HostGuestResult result = HostGuestResult.Of(guests[i], machine.Guests[i], alone);
            results.Add(migrateAway?.Guest == i ? result with { Migration = machine.Guests[i].Migration?.Result, LeftHostAtNs = leftAtNs } : result);
        }

        return new HostRun
        {
            CapacityBytes = host.CapacityBytes ?? 0,
            SwapBytes = host.SwapBytes,
            Policy = policy,
            PolicyTargets = machine.Policy?.TargetsSet ?? 0,
            Final = HostSample.Of(machine),
            Series = series,
            Guests = results,
        };
    }

    /// <summary>One JSON object: `host`, `guests` (each with the fields of run --json) and `series` when recorded.</summary>
    public JsonObject ToJson()
    {
        JsonObject hostJson = JsonSerializer.SerializeToNode(Final, JsonOutput.Options)!.AsObject();
        hostJson.Remove("t");
        hostJson["capacityBytes"] = CapacityBytes;
        hostJson["swapBytes"] = SwapBytes;
        hostJson["balloonPolicy"] = Policy == BalloonPolicy.Auto ? "auto" : "none";
        hostJson["balloonTargetsSet"] = PolicyTargets;
        var json = new JsonObject
        {
            ["host"] = hostJson,
            ["guests"] = new JsonArray([.. Guests.Select(g => (JsonNode)g.ToJson())]),
            ["notes"] = new JsonArray([.. Notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        };
        if (Series is not null)
        {
            json["series"] = JsonSerializer.SerializeToNode(Series, JsonOutput.Options);
        }

        return json;
    }
}

/// <summary>The host at one moment.</summary>
public sealed record HostSample
{
    /// <summary>Simulated seconds since boot.</summary>
    public required double T { get; init; }

    /// <summary>Each guest's RSS, in the order given.</summary>
    public required IReadOnlyList<long> GuestRssBytes { get; init; }

    /// <summary>Host memory no guest holds; negative when the guests hold more than it (the swap device is full).</summary>
    public required long FreeBytes { get; init; }

    /// <summary>What the host's swap holds.</summary>
    public required long SwapUsedBytes { get; init; }

    /// <summary>Pages written to swap so far.</summary>
    public required long PagesSwappedOut { get; init; }

    /// <summary>Pages read back from swap so far.</summary>
    public required long PagesSwappedIn { get; init; }

    /// <summary>Time the guests' vCPUs spent stalled on swap-ins so far, in all.</summary>
    public required double SwapStallMs { get; init; }

    /// <summary>The host of <paramref name="machine"/> now.</summary>
    public static HostSample Of(HostMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        HostMemory host = machine.Host;
        return new HostSample
        {
            T = machine.NowNs / (double)SimDuration.NsPerSecond,
            GuestRssBytes = [.. machine.Guests.Select(g => machine.OnHost(g) ? g.HostAccount.ResidentPages * KernelConstants.PageSize : 0)],
            FreeBytes = ((host.CapacityPages ?? 0) - host.ResidentPages) * KernelConstants.PageSize,
            SwapUsedBytes = host.SwappedPages * KernelConstants.PageSize,
            PagesSwappedOut = host.SwapOutPages,
            PagesSwappedIn = host.SwapInPages,
            SwapStallMs = host.SwapStallNs / (double)SimDuration.NsPerMs,
        };
    }
}

/// <summary>One guest of a host run.</summary>
public sealed record HostGuestResult
{
    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>Its RAM.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Its workload, as a SPEC writes it.</summary>
    public required string Workload { get; init; }

    /// <summary>The figures of run --json for it.</summary>
    public required RunResult Run { get; init; }

    /// <summary>The figures at the end.</summary>
    public RunSample Final => Run.Final;

    /// <summary>Time its vCPUs spent stalled on swap-ins, waiting for the shared device included.</summary>
    public required double SwapStallMs { get; init; }

    /// <summary>Its migration off the host, when it was migrated away.</summary>
    public Simulation.Migration.MigrationResult? Migration { get; init; }

    /// <summary>When it left the host (its migration completed), or null while it is still there.</summary>
    public long? LeftHostAtNs { get; init; }

    /// <summary>Its workload's progress when it runs alone on a host without limits for as long.</summary>
    public required double ProgressAlone { get; init; }

    /// <summary>The share of that progress it lost on the shared host, or null for a workload that makes none (idle).</summary>
    public double? Slowdown => HostSlowdown.Of(Final.WorkloadProgress.Done, ProgressAlone);

    /// <summary>The result of <paramref name="spec"/>'s guest <paramref name="guest"/>, which made <paramref name="alone"/> progress alone.</summary>
    public static HostGuestResult Of(GuestSpec spec, GuestMachine guest, double alone)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(guest);
        SimulationOptions options = spec.Options;
        return new HostGuestResult
        {
            Name = spec.Name,
            MemoryBytes = options.Guest.MemoryBytes,
            Workload = options.Workload.ToString(),
            Run = RunResult.Of(options, guest),
            SwapStallMs = guest.HostAccount.SwapStallNs / (double)SimDuration.NsPerMs,
            ProgressAlone = alone,
        };
    }

    /// <summary>The fields of run --json with the name, the workload, the swap stall, the progress alone and the slowdown.</summary>
    public JsonObject ToJson()
    {
        JsonObject json = Run.ToJson();
        json["name"] = Name;
        json["workload"] = Workload;
        json["swapStallMs"] = SwapStallMs;
        json["progressAlone"] = ProgressAlone;
        json["slowdown"] = Slowdown;
        if (Migration is Simulation.Migration.MigrationResult migration)
        {
            json["migratedAway"] = new JsonObject
            {
                ["outcome"] = JsonSerializer.SerializeToNode(migration.Outcome, JsonOutput.Options),
                ["totalTimeMs"] = migration.TotalTimeNs / (double)SimDuration.NsPerMs,
                ["downtimeMs"] = migration.DowntimeNs / (double)SimDuration.NsPerMs,
                ["verified"] = migration.Verified && migration.MismatchedPages == 0,
                ["leftHostAtMs"] = LeftHostAtNs / (double?)SimDuration.NsPerMs,
            };
        }

        return json;
    }
}
