using System.Globalization;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.Simulation.Scenarios;

/// <summary>What a figure's value is measured in, for parsing and printing it.</summary>
public enum FigureKind
{
    /// <summary>Bytes: written as a size (1.5GiB).</summary>
    Bytes,

    /// <summary>Milliseconds: written as a number of ms or a duration (500, 2s).</summary>
    Milliseconds,

    /// <summary>A plain number: a count or a ratio.</summary>
    Number,
}

/// <summary>A figure a scenario can wait for or expect: its name as written, what it is in, and how it is read.</summary>
/// <param name="Name">The name in a scenario file.</param>
/// <param name="Kind">Its unit.</param>
/// <param name="Description">What it is, for error messages and docs.</param>
/// <param name="Read">Its value now; null when it has none yet (no migration has completed).</param>
public sealed record ScenarioFigure(string Name, FigureKind Kind, string Description, Func<ScenarioState, double?> Read)
{
    private const double Page = KernelConstants.PageSize;

    /// <summary>Every figure, by name.</summary>
    public static IReadOnlyList<ScenarioFigure> All { get; } =
    [
        new("host-rss", FigureKind.Bytes, "the host memory backing the guest", s => s.Machine.HostAccount.ResidentPages * Page),
        new("guest-free", FigureKind.Bytes, "memory free in the guest", s => s.Machine.Kernel.Allocator.FreePages * Page),
        new("reported", FigureKind.Bytes, "free memory reported to the host", s => s.Machine.Counts().Reported * Page),
        new("swapped", FigureKind.Bytes, "guest memory the host has in swap", s => s.Machine.HostAccount.Ram.Swapped.SetCount * Page),
        new("ballooned", FigureKind.Bytes, "memory in the balloon", s => s.Machine.Counts().Ballooned * Page),
        new("host-used", FigureKind.Bytes, "the host memory all its guests hold", s => s.Machine.Host.ResidentPages * Page),
        new("host-swap", FigureKind.Bytes, "the host's swap in use, by all its guests", s => s.Machine.Host.SwappedPages * Page),
        new("migrations", FigureKind.Number, "migrations completed", s => s.Completed.Count),
        new("migration-ms", FigureKind.Milliseconds, "the last completed migration's total time", s => Ms(Last(s.Completed))),
        new("legacy-migration-ms", FigureKind.Milliseconds, "the last completed migration without hinting", s => Ms(s.Completed.LastOrDefault(r => !r.Hinting))),
        new("hinting-migration-ms", FigureKind.Milliseconds, "the last completed migration with hinting", s => Ms(s.Completed.LastOrDefault(r => r.Hinting))),
        new("hinting-ratio", FigureKind.Number, "the last hinting migration's time over the last legacy one's", s => Ms(s.Completed.LastOrDefault(r => r.Hinting)) / Ms(s.Completed.LastOrDefault(r => !r.Hinting))),
        new("downtime-ms", FigureKind.Milliseconds, "the last completed migration's downtime", s => Last(s.Completed) is MigrationResult r ? r.DowntimeNs / (double)SimDuration.NsPerMs : null),
        new("mismatched-pages", FigureKind.Number, "pages that differed on a destination, over all migrations", s => s.Completed.Sum(r => r.MismatchedPages)),
        new("poison-errors", FigureKind.Number, "pages the guest found not poisoned as it left them", s => s.Machine.Counts().PoisonErrorPages),
        new("oom-events", FigureKind.Number, "allocations that failed for want of memory", s => s.Machine.Kernel.OutOfMemoryEvents),
    ];

    /// <summary>The figure called <paramref name="name"/>, or null.</summary>
    public static ScenarioFigure? Named(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>Parses a value of this figure's kind; false with a reason when it is not one.</summary>
    public bool TryParseValue(string text, out double value, out string error)
    {
        value = 0;
        error = string.Empty;
        switch (Kind)
        {
            case FigureKind.Bytes when ByteSize.TryParse(text, out long bytes, out error):
                value = bytes;
                return true;
            case FigureKind.Bytes:
                return false;
            case FigureKind.Milliseconds when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                return true;
            case FigureKind.Milliseconds when SimDuration.TryParse(text, out long ns, out error):
                value = ns / (double)SimDuration.NsPerMs;
                return true;
            case FigureKind.Milliseconds:
                return false;
            default:
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
                {
                    return true;
                }

                error = $"{Quoting.Quote(text)} is not a number";
                return false;
        }
    }

    /// <summary>A value of this figure as a person reads it.</summary>
    public string Format(double? value) => value is not double v ? "none yet" : Kind switch
    {
        FigureKind.Bytes => ByteSize.Format((long)v),
        FigureKind.Milliseconds => v.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static MigrationResult? Last(IReadOnlyList<MigrationResult> results) => results.Count == 0 ? null : results[^1];

    private static double? Ms(MigrationResult? result) => result is null ? null : result.TotalTimeNs / (double)SimDuration.NsPerMs;
}

/// <summary>What a scenario's figures are read from: the guest now and the migrations so far, counted across restarts.</summary>
/// <param name="Machine">The guest (the newest, after a restart).</param>
/// <param name="Completed">Every completed migration, in order.</param>
/// <param name="MigrationsStarted">Migrations started.</param>
/// <param name="MigrationsEnded">Migrations ended, however they ended.</param>
/// <param name="Phases">Every phase the workloads have entered, in order.</param>
/// <param name="Other">Side by side: the second guest's state (its figures are written B.FIGURE); null otherwise.</param>
public sealed record ScenarioState(
    GuestMachine Machine, IReadOnlyList<MigrationResult> Completed, int MigrationsStarted, int MigrationsEnded, IReadOnlyList<string> Phases, ScenarioState? Other = null)
{
    /// <summary>
    /// The counts of what has happened so far; side by side, of migrations what both guests have done (a migration has
    /// ended when it has ended on both), so that a step after it acts on both when both are done.
    /// </summary>
    public ScenarioProgress Progress => Other?.Progress is ScenarioProgress other
        ? new(Math.Min(MigrationsStarted, other.MigrationsStarted), Math.Min(MigrationsEnded, other.MigrationsEnded), Math.Min(Completed.Count, other.MigrationsCompleted), Phases.Count)
        : new(MigrationsStarted, MigrationsEnded, Completed.Count, Phases.Count);
}
