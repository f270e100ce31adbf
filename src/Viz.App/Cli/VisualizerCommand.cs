using System.CommandLine;
using Viz.App.Tui;

namespace Viz.App.Cli;

/// <summary>`balloonviz` with no command: the interactive visualizer and its start-up options.</summary>
public static class VisualizerCommand
{
    /// <summary>Adds the visualizer's options and action to the root command.</summary>
    public static void Configure(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var guest = new GuestArguments();
        Option<Switch> hinting = CliOptions.OnOff("--hinting", "Device offers FREE_PAGE_HINT (QEMU free-page-hint): the guest hints free 4 MiB blocks during a migration (m).", false);
        Option<StartSpeed> speed = CliOptions.Speed();
        Option<string?> theme = CliOptions.Theme();
        Option<string> colours = CliOptions.Colours();
        Option<string[]> keys = CliOptions.Keys();
        Option<string?> costs = CliOptions.FilePath("--costs", "A migration cost profile (JSON, e.g. from balloonviz calibrate) for the migrations m and M start.");
        var guests = new Option<string[]>("--guest")
        {
            Description = "Several guests on one host (give it once per guest, with --host-memory): SIZE:WORKLOAD[,KEY=VALUE...] as balloonviz host takes it; the visualizer opens on the host view (Tab and 1-9 show a guest, 0 the host).",
            HelpName = "SPEC",
        };
        Option<long?> swap = CliOptions.OptionalSize("--swap", "With --guest: the host's swap device (default: as much as needed).");
        Option<long?> swapRate = CliOptions.OptionalRate("--swap-rate", "With --guest: the swap device's throughput for 4 KiB pages, shared by all guests (default: 200MB/s).");
        Option<Viz.Simulation.Machine.BalloonPolicy> policy = CliOptions.Choice(
            "--balloon-policy",
            "With --guest: who sets the balloons, none (you, with i and d) or auto (oVirt MoM's rules).",
            [("none", Viz.Simulation.Machine.BalloonPolicy.None), ("auto", Viz.Simulation.Machine.BalloonPolicy.Auto)]);
        Option<string?> record = CliOptions.OutputFile(
            "--record",
            "Record the session into this scenario file: the options, and every command with its simulated time; balloonviz replay FILE plays it again and checks the final state hash it ends with. One guest only.",
            ".yaml");
        var versus = new Option<string?>("--versus")
        {
            Description = "Two guests side by side: the one the options give, and the same with OPTION=VALUE (e.g. hinting=on, reporting=on, poison=page_poison), from the same seed and in lockstep; every key acts on both.",
            HelpName = "OPTION=VALUE",
        };
        guest.AddTo(root);
        foreach (Option option in new Option[] { hinting, speed, theme, colours, keys, costs, guests, swap, swapRate, policy, record, versus })
        {
            root.Options.Add(option);
        }

        root.SetAction(parse =>
        {
            StartSpeed start = parse.GetRequiredValue(speed);
            Tui.Themes.ColourDepths.TryChoose(parse.GetRequiredValue(colours), Environment.GetEnvironmentVariable, out Tui.Themes.ColourDepth depth);
            Viz.Simulation.Machine.SimulationOptions single = guest.Read(parse, parse.GetValue(hinting) == Switch.On);
            (HostSetup? host, Viz.Simulation.Machine.SimulationOptions first) = Host(parse.GetValue(guests) ?? [], single, parse.GetValue(swap), parse.GetValue(swapRate), parse.GetValue(policy));
            var options = new TuiOptions
            {
                Simulation = first,
                Host = host,
                Speed = start.Speed,
                Paused = start.Paused,
                ColourDepth = depth,
                Keys = CliOptions.KeyMapOf(parse.GetValue(keys) ?? []),
                Migration = new Viz.Simulation.Migration.MigrationParameters { Costs = parse.GetValue(costs) is string file ? CostProfile.Load(file) : Viz.Simulation.Migration.MigrationCosts.Default },
                Theme = parse.GetValue(theme) ?? DefaultTheme(Environment.GetEnvironmentVariable, depth),
            };
            if (parse.GetValue(versus) is string change)
            {
                options = VersusChange.Of(change, parse, options);
            }

            if (parse.GetValue(record) is not string recordTo)
            {
                return TuiApp.Run(options, parse.InvocationConfiguration.Error);
            }

            var recording = SessionRecording.Prepare(recordTo, parse, options);
            using var recorder = new Viz.Pipeline.SessionRecorder();
            int exit = TuiApp.Run(options with { Recorder = recorder }, parse.InvocationConfiguration.Error);
            if (exit == 0)
            {
                recording.Write(recorder);
                parse.InvocationConfiguration.Error.WriteLine($"balloonviz: the session is recorded in {recordTo}; balloonviz replay {recordTo} plays it again");
            }

            return exit;
        });
    }

    /// <summary>
    /// Several guests on one host from the --guest SPECs, on top of the single guest's options, and the guest the screen
    /// opens with. One --guest is that guest alone, as without it (on --host-memory, if given); several share
    /// --host-memory, which they need.
    /// </summary>
    private static (HostSetup? Host, Viz.Simulation.Machine.SimulationOptions First) Host(
        string[] specs, Viz.Simulation.Machine.SimulationOptions defaults, long? swap, long? swapRate, Viz.Simulation.Machine.BalloonPolicy policy)
    {
        GuestSpec[] parsed = HostCommand.ParseGuests(specs, defaults);
        if (parsed.Length < 2 && (swap is not null || swapRate is not null || policy != Viz.Simulation.Machine.BalloonPolicy.None))
        {
            throw new Common.UsageException("--swap, --swap-rate and --balloon-policy are for several guests on one host: give --guest SPEC twice or more");
        }

        switch (parsed.Length)
        {
            case 0:
                return (null, defaults);
            case 1:
                return (null, parsed[0].Options);
        }

        if (defaults.Host.CapacityBytes is not long capacity)
        {
            throw new Common.UsageException("several --guest on one host need --host-memory SIZE: the memory they share");
        }

        return (new HostSetup(HostCommand.SharedHost(capacity, swap, swapRate), [.. parsed.Select(p => p.Options)], [.. parsed.Select(p => p.Name)], policy), parsed[0].Options);
    }

    /// <summary>The visualizer's options for playing <paramref name="scenario"/> (demo, replay): its guest and migrations, its timeline.</summary>
    public static TuiOptions ScenarioOptions(Viz.Simulation.Scenarios.Scenario scenario, bool stopAtChapters, string? theme, string colours)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Tui.Themes.ColourDepths.TryChoose(colours, Environment.GetEnvironmentVariable, out Tui.Themes.ColourDepth depth);
        return new TuiOptions
        {
            Simulation = scenario.Options,
            Host = scenario.Host is { } host ? new HostSetup(host.Options, host.Guests, host.Names, Viz.Simulation.Machine.BalloonPolicy.None) : null,
            Migration = scenario.Migration,
            Scenario = scenario,
            StopAtChapters = stopAtChapters,
            Versus = scenario.Versus is { } versus ? ([versus.FirstName, versus.Name], versus.Change) : null,
            ColourDepth = depth,
            Theme = theme ?? DefaultTheme(Environment.GetEnvironmentVariable, depth),
        };
    }

    /// <summary>
    /// The theme when --theme is not given: the glyph-only mono theme when NO_COLOR is set to anything (no-color.org);
    /// the one made of the 16 ANSI colours on a 16-colour terminal; else the default.
    /// </summary>
    public static string DefaultTheme(Func<string, string?> environment, Tui.Themes.ColourDepth depth)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(environment("NO_COLOR")) ? Tui.Themes.ThemeLoader.MonoName
            : depth == Tui.Themes.ColourDepth.Sixteen ? Tui.Themes.ThemeLoader.Ansi16Name
            : Tui.Themes.ThemeLoader.DefaultName;
    }
}
