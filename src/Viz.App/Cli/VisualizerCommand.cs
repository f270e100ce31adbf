using System.CommandLine;
using Viz.App.Tui;
using Viz.Simulation.Engine;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>`balloonviz` with no command: the interactive visualizer and its start-up options.</summary>
public static class VisualizerCommand
{
    /// <summary>Adds the visualizer's options and action to the root command.</summary>
    public static void Configure(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Option<long> memory = CliOptions.Memory();
        Option<WorkloadSpec> workload = CliOptions.Workload();
        Option<PoisonMode> poison = CliOptions.Poison();
        Option<Switch> initOnAlloc = CliOptions.OnOff("--init-on-alloc", "Zero pages on allocation (init_on_alloc=1).", false);
        Option<ulong> seed = CliOptions.Seed();
        Option<StartSpeed> speed = CliOptions.Speed();
        Option<string> theme = CliOptions.Theme();
        foreach (Option option in new Option[] { memory, workload, poison, initOnAlloc, seed, speed, theme })
        {
            root.Options.Add(option);
        }

        root.SetAction(parse =>
        {
            StartSpeed start = parse.GetRequiredValue(speed);
            var options = new TuiOptions
            {
                Simulation = new SimulationOptions
                {
                    Guest = new GuestOptions
                    {
                        MemoryBytes = parse.GetValue(memory),
                        Poison = parse.GetValue(poison),
                        InitOnAlloc = parse.GetValue(initOnAlloc) == Switch.On,
                    },
                    Workload = parse.GetRequiredValue(workload),
                    Seed = parse.GetValue(seed),
                },
                Speed = start.Speed,
                Paused = start.Paused,
                Theme = parse.GetRequiredValue(theme),
            };
            return TuiApp.Run(options, parse.InvocationConfiguration.Error);
        });
    }
}
