using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.Simulation.Engine;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>`balloonviz run`: runs a guest headless for a simulated duration and prints the final figures.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        Option<long> memory = CliOptions.Memory();
        Option<WorkloadSpec> workload = CliOptions.Workload();
        Option<long> duration = CliOptions.Duration("--duration", "Simulated time to run (e.g. 60s, 1500ms, 2m).", 60 * SimDuration.NsPerSecond);
        Option<PoisonMode> poison = CliOptions.Poison();
        Option<Switch> initOnAlloc = CliOptions.OnOff("--init-on-alloc", "Zero pages on allocation (init_on_alloc=1).", false);
        Option<ulong> seed = CliOptions.Seed();
        Option<bool> json = CliOptions.Json();
        Option<bool> series = new("--series") { Description = "Also record one sample per simulated second (with --json: a 'series' array)." };
        var command = new Command("run", "Run a guest headless for a simulated duration and print its memory figures.")
        {
            memory, workload, duration, poison, initOnAlloc, seed, json, series,
        };
        command.SetAction(parse =>
        {
            var options = new SimulationOptions
            {
                Guest = new GuestOptions
                {
                    MemoryBytes = parse.GetValue(memory),
                    Poison = parse.GetValue(poison),
                    InitOnAlloc = parse.GetValue(initOnAlloc) == Switch.On,
                },
                Workload = parse.GetRequiredValue(workload),
                Seed = parse.GetValue(seed),
            };
            RunResult result = Execute(options, parse.GetValue(duration), parse.GetValue(series));
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, result.ToJson());
            }
            else
            {
                WriteTable(output, result);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Runs the simulation and collects the final sample (and one per second when asked).</summary>
    public static RunResult Execute(SimulationOptions options, long durationNs, bool withSeries)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulation = new Simulation.Engine.Simulation(options);
        List<RunSample>? samples = withSeries ? [RunSample.From(simulation.Counts())] : null;
        long end = simulation.NowNs + durationNs;
        while (simulation.NowNs < end)
        {
            simulation.RunUntil(Math.Min(end, simulation.NowNs + SimDuration.NsPerSecond));
            samples?.Add(RunSample.From(simulation.Counts()));
        }

        return new RunResult
        {
            MemoryBytes = simulation.Kernel.Memory.Bytes,
            Seed = options.Seed,
            Poison = simulation.Kernel.Poison,
            InitOnAlloc = simulation.Kernel.InitOnAlloc,
            Final = RunSample.From(simulation.Counts()),
            Series = samples,
        };
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
            ("refaults", f.Refaults.ToString(CultureInfo.InvariantCulture)),
            ("poison errors (pages)", f.PoisonErrors.ToString(CultureInfo.InvariantCulture)),
            ("out-of-memory events", f.OomEvents.ToString(CultureInfo.InvariantCulture)),
            ("work done", string.Create(CultureInfo.InvariantCulture, $"{f.WorkloadProgress.Done:0.##} {f.WorkloadProgress.Unit} ({f.WorkloadProgress.PerSecond:0.##}/s)")),
        ];
        int width = rows.Max(row => row.Name.Length);
        foreach ((string name, string value) in rows)
        {
            output.WriteLine($"{name.PadRight(width)}  {value}");
        }
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

    /// <summary>The figures at the end of the run.</summary>
    public required RunSample Final { get; init; }

    /// <summary>One sample per simulated second, from boot, when --series was given.</summary>
    public IReadOnlyList<RunSample>? Series { get; init; }

    /// <summary>One JSON object: the final figures at the top level, the settings beside them, and `series` when recorded.</summary>
    public JsonObject ToJson()
    {
        JsonObject json = JsonSerializer.SerializeToNode(Final, JsonOutput.Options)!.AsObject();
        json["memoryBytes"] = MemoryBytes;
        json["seed"] = Seed;
        json["poison"] = JsonSerializer.SerializeToNode(Poison, JsonOutput.Options);
        json["initOnAlloc"] = InitOnAlloc;
        if (Series is not null)
        {
            json["series"] = JsonSerializer.SerializeToNode(Series, JsonOutput.Options);
        }

        return json;
    }
}
