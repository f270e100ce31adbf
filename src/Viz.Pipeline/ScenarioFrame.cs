namespace Viz.Pipeline;

/// <summary>What a demo shows of its scenario in a frame: where it is, what the audience reads, and what just happened.</summary>
public sealed record ScenarioFrame
{
    /// <summary>The scenario's title.</summary>
    public required string Title { get; init; }

    /// <summary>The chapter now (null before the first).</summary>
    public string? Chapter { get; init; }

    /// <summary>The chapter's number, from 1 (0 before the first).</summary>
    public int ChapterNumber { get; init; }

    /// <summary>How many chapters the scenario has.</summary>
    public int Chapters { get; init; }

    /// <summary>The caption now.</summary>
    public string? Caption { get; init; }

    /// <summary>The command of the step that happened last, and when (simulated ns since boot), for pointing it out.</summary>
    public (string Text, long TimeNs)? LastAction { get; init; }

    /// <summary>The last check made: its text, the figure it found, and whether it passed.</summary>
    public (string Text, string Actual, bool Passed)? LastCheck { get; init; }

    /// <summary>Whether the demo waits at a chapter mark for the presenter (space or →).</summary>
    public bool WaitingAtChapter { get; init; }

    /// <summary>The chapter the demo waits to start, when it waits.</summary>
    public string? NextChapter { get; init; }

    /// <summary>Whether every step has happened.</summary>
    public bool Done { get; init; }

    /// <summary>Checks made so far, and how many failed.</summary>
    public (int Made, int Failed) Checks { get; init; }

    /// <summary>Whether the demo runs in slow motion now (a migration's first pass).</summary>
    public bool SlowMotion { get; init; }

    /// <summary>For a replay at the recorded end: whether the state hash is the recorded one; null before the end.</summary>
    public bool? HashMatches { get; init; }

    /// <summary>Every zoom and selection the steps asked for so far, in order: the screen applies those it has not yet.</summary>
    public System.Collections.Immutable.ImmutableArray<Viz.Simulation.Scenarios.ViewAction> Views { get; init; } = [];
}
