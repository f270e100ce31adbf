using System.Globalization;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>
/// A step's command as a scenario file writes it, one line: what a key can do, and what the visualizer can be told.
/// Parses each into its action and writes each command the visualizer sends back as such a line, for a recording.
/// </summary>
public static class StepText
{
    /// <summary>The commands, with what each takes, for messages and docs.</summary>
    public static IReadOnlyList<string> Forms { get; } =
    [
        "migrate", "ping-pong", "cancel-migration",
        "hinting on|off", "reporting on|off", "deflate-on-oom on|off", "page-poison-feature on|off",
        "poison off|page_poison|init_on_free", "init-on-alloc on|off", "workload SPEC", "balloon SIZE",
        "hint-run start|stop [noack]", "restart [OPTION=VALUE,...]",
        "speed FACTOR|flat-out", "pause", "resume", "zoom ADDRESS..ADDRESS", "zoom-out", "select ADDRESS",
    ];

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="options"/> are the scenario's (restart builds on them) and
    /// <paramref name="migration"/> the parameters migrate and ping-pong use. A bad command is a usage error.
    /// </summary>
    public static ScenarioAction Parse(string text, ScenarioOptions options, MigrationParameters migration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(migration);
        string trimmed = (text ?? string.Empty).Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        string verb = space < 0 ? trimmed : trimmed[..space];
        string argument = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        ScenarioAction Command(ISimCommand command) => new CommandAction(command, trimmed);
        ScenarioAction NoArgument(ScenarioAction action) =>
            argument.Length == 0 ? action : throw new Common.UsageException($"{verb} takes nothing after it, not {Quoting.Quote(argument)}");
        return verb switch
        {
            "migrate" => NoArgument(Command(new StartMigrationCommand(migration with { PingPong = false }))),
            "ping-pong" => NoArgument(Command(new StartMigrationCommand(migration with { PingPong = true }))),
            "cancel-migration" => NoArgument(Command(new CancelMigrationCommand())),
            "hinting" => Command(new SetDeviceFeatureCommand(DeviceFeature.FreePageHint, OnOff(verb, argument))),
            "reporting" => Command(new SetDeviceFeatureCommand(DeviceFeature.FreePageReporting, OnOff(verb, argument))),
            "deflate-on-oom" => Command(new SetDeviceFeatureCommand(DeviceFeature.DeflateOnOom, OnOff(verb, argument))),
            "page-poison-feature" => Command(new SetDeviceFeatureCommand(DeviceFeature.PagePoison, OnOff(verb, argument))),
            "device" => Command(new SetDevicePropertiesCommand(Device(argument, options.Read().Guest.Device))),
            "poison" => Command(new SetPoisonModeCommand(Poison(argument))),
            "init-on-alloc" => Command(new SetInitOnAllocCommand(OnOff(verb, argument))),
            "poisoning" => Command(Poisoning(argument)),
            "workload" => Command(new SetWorkloadCommand(Workload(argument))),
            "balloon" => Command(new SetBalloonTargetCommand(Size(verb, argument))),
            "hint-run" => Command(HintRun(argument)),
            "restart" => new RestartAction(options.With(Overrides(argument)).Read().Guest, trimmed),
            "speed" => Speed(argument, trimmed),
            "pause" => NoArgument(new ViewAction(ViewChange.Pause, trimmed)),
            "resume" => NoArgument(new ViewAction(ViewChange.Resume, trimmed)),
            "zoom-out" => NoArgument(new ViewAction(ViewChange.ZoomOut, trimmed)),
            "zoom" => Zoom(argument, trimmed),
            "select" => new ViewAction(ViewChange.Select, trimmed, StartPfn: (int)(Size(verb, argument) / KernelConstants.PageSize)),
            _ => throw new Common.UsageException($"no command {Quoting.Quote(verb)}; the commands are: {string.Join(", ", Forms)}"),
        };
    }

    /// <summary>A command the visualizer sent, as a step writes it (for a recording); null for one no step writes.</summary>
    public static string? Format(ISimCommand command) => command switch
    {
        StartMigrationCommand start => start.Parameters.PingPong ? "ping-pong" : "migrate",
        CancelMigrationCommand => "cancel-migration",
        SetDevicePropertiesCommand device => "device " + DeviceText(device.Properties),
        SetPoisoningCommand poisoning => $"poisoning {PoisonText(poisoning.Poison)} init-on-alloc={OnOffText(poisoning.InitOnAlloc)}",
        SetWorkloadCommand workload => "workload " + workload.Spec,
        SetBalloonTargetCommand balloon => "balloon " + ByteSize.FormatAsInput(balloon.Bytes),
        HintRunCommand run => run.Start ? (run.AcknowledgeOnStop ? "hint-run start" : "hint-run start noack") : "hint-run stop",
        SetDeviceFeatureCommand feature => $"{FeatureName(feature.Feature)} {OnOffText(feature.On)}",
        SetPoisonModeCommand poison => "poison " + PoisonText(poison.Poison),
        SetInitOnAllocCommand init => "init-on-alloc " + OnOffText(init.On),
        _ => null,
    };

    /// <summary>A fresh boot's options as the overrides a restart step writes.</summary>
    public static string FormatRestart(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return "restart " + string.Join(',', RestartOverrides(options).Select(o => $"{o.Name}={o.Value}"));
    }

    /// <summary>The options a restart may change (what the visualizer's x, g, G and v keep or change), by name.</summary>
    public static IEnumerable<(string Name, string Value)> RestartOverrides(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return ("memory", ByteSize.FormatAsInput(options.Guest.MemoryBytes));
        yield return ("workload", options.Workload.ToString());
        yield return ("poison", PoisonText(options.Guest.Poison));
        yield return ("init-on-alloc", OnOffText(options.Guest.InitOnAlloc));
        yield return ("hinting", OnOffText(options.Device.FreePageHint));
        yield return ("reporting", OnOffText(options.Device.FreePageReporting));
        yield return ("deflate-on-oom", OnOffText(options.Device.DeflateOnOom));
        yield return ("page-poison-feature", OnOffText(options.Device.PagePoison));
        yield return ("hint-design", options.Guest.HintDesign == Viz.Simulation.Guest.FreePageHintDesign.V28 ? "v28" : "upstream");
    }

    private static IEnumerable<(string Name, string Value)> Overrides(string argument)
    {
        foreach (string part in argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new Common.UsageException($"restart: {Quoting.Quote(part)} is not OPTION=VALUE (e.g. restart memory=4GiB,reporting=on)");
            }

            yield return (part[..equals], part[(equals + 1)..]);
        }
    }

    private static string FeatureName(DeviceFeature feature) => feature switch
    {
        DeviceFeature.FreePageHint => "hinting",
        DeviceFeature.FreePageReporting => "reporting",
        DeviceFeature.DeflateOnOom => "deflate-on-oom",
        _ => "page-poison-feature",
    };

    private static string DeviceText(DeviceProperties p) =>
        $"deflate-on-oom={OnOffText(p.DeflateOnOom)},free-page-hint={OnOffText(p.FreePageHint)},page-poison={OnOffText(p.PagePoison)},free-page-reporting={OnOffText(p.FreePageReporting)}";

    private static DeviceProperties Device(string argument, DeviceProperties start)
    {
        DeviceProperties properties = start;
        foreach (string part in argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = part.Split('=', 2);
            bool on = pair.Length == 2 ? OnOff(pair[0], pair[1]) : throw new Common.UsageException($"device: {Quoting.Quote(part)} is not PROPERTY=on|off");
            properties = pair[0] switch
            {
                "deflate-on-oom" => properties with { DeflateOnOom = on },
                "free-page-hint" => properties with { FreePageHint = on },
                "page-poison" => properties with { PagePoison = on },
                "free-page-reporting" => properties with { FreePageReporting = on },
                _ => throw new Common.UsageException($"device: no property {Quoting.Quote(pair[0])}; they are deflate-on-oom, free-page-hint, page-poison, free-page-reporting"),
            };
        }

        return properties;
    }

    private static SetPoisoningCommand Poisoning(string argument)
    {
        string[] parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[1].StartsWith("init-on-alloc=", StringComparison.Ordinal)
            ? new SetPoisoningCommand(Poison(parts[0]), OnOff("init-on-alloc", parts[1]["init-on-alloc=".Length..]))
            : throw new Common.UsageException($"poisoning takes MODE init-on-alloc=on|off, not {Quoting.Quote(argument)}");
    }

    private static HintRunCommand HintRun(string argument) => argument switch
    {
        "start" => new HintRunCommand(Start: true),
        "start noack" => new HintRunCommand(Start: true, AcknowledgeOnStop: false),
        "stop" => new HintRunCommand(Start: false),
        _ => throw new Common.UsageException($"hint-run takes start, start noack or stop, not {Quoting.Quote(argument)}"),
    };

    /// <summary>speed FACTOR as --speed takes it (1, x4, 0.5, max), or flat-out, which a recording writes.</summary>
    private static ViewAction Speed(string argument, string text)
    {
        if (argument == "flat-out")
        {
            return new ViewAction(ViewChange.Speed, text, Factor: 0);
        }

        return Viz.Pipeline.SimulationSpeed.TryParse(argument, out Viz.Pipeline.SimulationSpeed speed, out string error)
            ? new ViewAction(ViewChange.Speed, text, Factor: speed.IsFlatOut ? 0 : speed.Factor)
            : throw new Common.UsageException($"speed: {error}, or flat-out");
    }

    private static ViewAction Zoom(string argument, string text)
    {
        int dots = argument.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            throw new Common.UsageException($"zoom takes a range of guest addresses FROM..TO, e.g. zoom 1GiB..1GiB+64MiB is written zoom 1GiB..1088MiB, not {Quoting.Quote(argument)}");
        }

        long from = Size("zoom", argument[..dots]), to = Size("zoom", argument[(dots + 2)..]);
        return to > from
            ? new ViewAction(ViewChange.Zoom, text, StartPfn: (int)(from / KernelConstants.PageSize), Pages: (int)Math.Max(1, (to - from) / KernelConstants.PageSize))
            : throw new Common.UsageException($"zoom {argument}: the range's end must be after its start");
    }

    private static bool OnOff(string verb, string argument) => argument switch
    {
        "on" => true,
        "off" => false,
        _ => throw new Common.UsageException($"{verb} takes on or off, not {Quoting.Quote(argument)}"),
    };

    private static string OnOffText(bool on) => on ? "on" : "off";

    private static PoisonMode Poison(string argument) => argument switch
    {
        "off" => PoisonMode.Off,
        "page_poison" => PoisonMode.PagePoison,
        "init_on_free" => PoisonMode.InitOnFree,
        _ => throw new Common.UsageException($"poison takes off, page_poison or init_on_free, not {Quoting.Quote(argument)}"),
    };

    private static string PoisonText(PoisonMode poison) => poison switch
    {
        PoisonMode.PagePoison => "page_poison",
        PoisonMode.InitOnFree => "init_on_free",
        _ => "off",
    };

    private static WorkloadSpec Workload(string argument) =>
        WorkloadSpec.TryParse(argument, out WorkloadSpec spec, out string error) ? spec : throw new Common.UsageException($"workload: {error}");

    private static long Size(string verb, string argument) =>
        ByteSize.TryParse(argument, out long bytes, out string error) && bytes >= 0 ? bytes : throw new Common.UsageException($"{verb}: {error}");
}
