using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Viz.App.Common;
using Viz.App.Tui;
using Viz.Pipeline;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// balloonviz --record FILE: the session's options as a scenario's (the guest and migration options given on the
/// command line or by the config file), and, when the visualizer ends, every step the recorder saw written as a
/// scenario file with the final state hash, which replay checks.
/// </summary>
public sealed class SessionRecording
{
    private readonly string _path;
    private readonly ScenarioOptions _options;

    private SessionRecording(string path, ScenarioOptions options)
    {
        _path = path;
        _options = options;
    }

    /// <summary>
    /// The recording of a session started with <paramref name="parse"/> into <paramref name="path"/>. The options must be
    /// ones a scenario can give, the same guest and migrations exactly, and one guest: otherwise a usage error now,
    /// before the session, not a recording that does not replay.
    /// </summary>
    public static SessionRecording Prepare(string path, ParseResult parse, TuiOptions session)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(session);
        if (session.Host is not null)
        {
            throw new UsageException("--record records one guest: not several --guest on one host, nor --versus");
        }

        ScenarioOptions given = ScenarioOptions.GivenFor(parse, session.Simulation, "--record");
        // The seed goes in the recording whether or not it was given: the replay must not depend on a default.
        ScenarioOptions options = given.Values.Any(v => v.Name == "seed")
            ? given
            : given.With([("seed", session.Simulation.Seed.ToString(CultureInfo.InvariantCulture))]);
        if (options.Read().Migration != session.Migration)
        {
            throw new UsageException("--record: these options cannot be recorded so that they replay the same migrations");
        }

        try
        {
            File.WriteAllText(path, string.Empty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--record {path}: {e.Message}");
        }

        return new SessionRecording(path, options);
    }

    /// <summary>Writes what <paramref name="recorder"/> saw, and its last guest's state hash.</summary>
    public void Write(SessionRecorder recorder) => File.WriteAllText(_path, Text(recorder, _options));

    /// <summary>
    /// The scenario file of a session that started from <paramref name="options"/>: each step at its simulated time,
    /// the simulated time it ran in all, and its last guest's state hash.
    /// </summary>
    public static string Text(SessionRecorder recorder, ScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var steps = new List<(long, string)>();
        foreach (RecordedStep step in recorder.Steps)
        {
            string? text = step switch
            {
                { Command: { } command } => StepText.Format(command),
                { Restart: { } restart } => StepText.FormatRestart(restart),
                { View: { } view } => view.Text,
                _ => null,
            };
            if (text is not null)
            {
                steps.Add((step.TimeNs, text));
            }
        }

        string when = DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return ScenarioFile.Write("Recorded session", $"balloonviz --record, {when}", options, steps, recorder.ElapsedNs, recorder.Machine?.StateHash());
    }
}
