using Viz.App.Cli;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Cli.Scenarios;

/// <summary>A step's command as a line: each command the visualizer sends is written as one and parsed back to itself.</summary>
public sealed class StepTextTests
{
    private static readonly ScenarioOptions Options = new([("memory", "1GiB")]);
    private static readonly MigrationParameters Migration = new();

    public static TheoryData<ISimCommand> VisualizerCommands =>
    [
        new StartMigrationCommand(Migration),
        new StartMigrationCommand(Migration with { PingPong = true }),
        new CancelMigrationCommand(),
        new SetDevicePropertiesCommand(new DeviceProperties { FreePageHint = true, FreePageReporting = true, PagePoison = false }),
        new SetPoisoningCommand(PoisonMode.InitOnFree, InitOnAlloc: true),
        new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Hog, 512L << 20)),
        new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Freed, SizeShare: 0.8)),
        new SetBalloonTargetCommand(256L << 20),
        new HintRunCommand(Start: true, AcknowledgeOnStop: false),
        new HintRunCommand(Start: false),
        new SetDeviceFeatureCommand(DeviceFeature.FreePageReporting, true),
        new SetPoisonModeCommand(PoisonMode.PagePoison),
        new SetInitOnAllocCommand(false),
    ];

    [Theory]
    [MemberData(nameof(VisualizerCommands))]
    public void A_command_written_as_a_step_parses_back_to_the_same_command(ISimCommand command)
    {
        string text = StepText.Format(command)!;

        var parsed = (CommandAction)StepText.Parse(text, Options, Migration);

        Assert.Equal(command, parsed.Command);
        Assert.Equal(text, parsed.Text);
    }

    [Fact]
    public void A_restart_written_as_a_step_boots_the_same_options()
    {
        SimulationOptions options = new ScenarioOptions([("memory", "2GiB"), ("workload", "freed:30%"), ("hinting", "on"), ("hint-design", "v28"), ("poison", "page_poison")]).Read().Guest;

        var restart = (RestartAction)StepText.Parse(StepText.FormatRestart(options), Options, Migration);

        Assert.Equal(options, restart.Options);
    }

    [Theory]
    [InlineData("speed 10", ViewChange.Speed, 10.0, 0, 1)]
    [InlineData("speed flat-out", ViewChange.Speed, 0.0, 0, 1)]
    [InlineData("pause", ViewChange.Pause, 1.0, 0, 1)]
    [InlineData("zoom 4MiB..8MiB", ViewChange.Zoom, 1.0, 1024, 1024)]
    [InlineData("select 1GiB", ViewChange.Select, 1.0, 262144, 1)]
    public void View_commands_change_what_is_shown(string text, ViewChange change, double factor, int start, int pages)
    {
        var view = (ViewAction)StepText.Parse(text, Options, Migration);

        Assert.Equal(new ViewAction(change, text, factor, start, pages), view);
    }
}
