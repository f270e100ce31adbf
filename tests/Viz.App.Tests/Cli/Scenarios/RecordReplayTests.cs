using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Viz.App.Cli;
using Viz.Pipeline;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.App.Tests.Cli.Scenarios;

/// <summary>A recorded session replays to the very state it ended in, headless and through the command line.</summary>
public sealed class RecordReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("balloonviz-record-").FullName;
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A session as the visualizer drives one: commands at odd moments, a restart, speed changes.</summary>
    private (string Text, ulong Hash) Record(ScenarioOptions options)
    {
        (SimulationOptions guest, MigrationParameters migration) = options.Read();
        using var recorder = new SessionRecorder();
        using var loop = new SimulationLoop(new GuestMachine(guest), new RunnerOptions { Time = _time, Recorder = recorder, Speed = new SimulationSpeed(10) });
        var rng = new Random(3);
        void Run(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(rng.Next(5, 40)));
                loop.RunOnce();
            }
        }

        Run(7);
        loop.Post(new SetWorkloadCommand(new WorkloadSpec(WorkloadKind.Hog, 96L << 20)));
        Run(5);
        loop.Post(new SetDevicePropertiesCommand(guest.Device with { FreePageHint = true, FreePageReporting = true }));
        loop.SetSpeed(new SimulationSpeed(100));
        Run(9);
        loop.Post(new StartMigrationCommand(migration));
        Run(13);
        loop.Post(new SetPoisoningCommand(PoisonMode.PagePoison, InitOnAlloc: true));
        Run(4);
        loop.Restart(guest with { Guest = guest.Guest with { MemoryBytes = 128L << 20 }, Workload = new WorkloadSpec(WorkloadKind.Freed, SizeShare: 0.5) });
        Run(6);
        loop.Post(new SetBalloonTargetCommand(16L << 20));
        Run(11);
        return (SessionRecording.Text(recorder, options), recorder.Machine!.StateHash());
    }

    [Fact]
    public void A_recording_played_headless_ends_in_the_recorded_state()
    {
        (string text, ulong hash) = Record(new ScenarioOptions([("memory", "256MiB"), ("seed", "5")]));

        Scenario recording = ScenarioFile.Parse(text, "recording");
        ScenarioOutcome outcome = ScenarioPlayer.Play(recording);

        Assert.Equal(hash, recording.ExpectedHash);
        Assert.Equal(hash, outcome.FinalHash);
        Assert.Contains(recording.Steps, s => s.Action is RestartAction);
        Assert.Contains(recording.Steps, s => s.Action is ViewAction { Change: ViewChange.Speed });
    }

    [Fact]
    public void Replay_json_checks_the_hash_and_says_when_it_differs()
    {
        (string text, _) = Record(new ScenarioOptions([("memory", "256MiB")]));
        string good = Path.Combine(_dir, "session.yaml");
        File.WriteAllText(good, text);
        string bad = Path.Combine(_dir, "tampered.yaml");
        File.WriteAllText(bad, text.Replace("do: \"balloon 16MiB\"", "do: \"balloon 32MiB\"", StringComparison.Ordinal));

        Assert.NotEqual(text, File.ReadAllText(bad));
        (int exit, string output, string error) = CliRunner.Run("replay", good, "--json");
        (int tamperedExit, string tampered, _) = CliRunner.Run("replay", bad, "--json");

        Assert.True(exit == 0, error);
        Assert.True((bool)JsonNode.Parse(output)!["hashMatches"]!);
        Assert.Equal(1, tamperedExit);
        Assert.False((bool)JsonNode.Parse(tampered)!["hashMatches"]!);
    }

    [Fact]
    public void A_scenario_without_a_hash_is_no_recording()
    {
        string path = Path.Combine(_dir, "plain.yaml");
        File.WriteAllText(path, "title: t\nsteps:\n  - at: 1s\n");

        (int exit, _, string error) = CliRunner.Run("replay", path, "--json");

        Assert.Equal(2, exit);
        Assert.Contains("not a recording", error, StringComparison.Ordinal);
    }
}
