using System.CommandLine;
using Viz.Simulation.Engine;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>The options that describe the guest, shared by run, migrate and compare.</summary>
public sealed class GuestArguments
{
    private readonly Option<long> _memory = CliOptions.Memory();
    private readonly Option<WorkloadSpec> _workload = CliOptions.Workload();
    private readonly Option<PoisonMode> _poison = CliOptions.Poison();
    private readonly Option<Switch> _initOnAlloc = CliOptions.OnOff("--init-on-alloc", "Zero pages on allocation (init_on_alloc=1).", false);
    private readonly Option<ulong> _seed = CliOptions.Seed();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_memory);
        command.Add(_workload);
        command.Add(_poison);
        command.Add(_initOnAlloc);
        command.Add(_seed);
    }

    /// <summary>The simulation the options describe.</summary>
    public SimulationOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new SimulationOptions
        {
            Guest = new GuestOptions
            {
                MemoryBytes = parse.GetValue(_memory),
                Poison = parse.GetValue(_poison),
                InitOnAlloc = parse.GetValue(_initOnAlloc) == Switch.On,
            },
            Workload = parse.GetRequiredValue(_workload),
            Seed = parse.GetValue(_seed),
        };
    }
}
