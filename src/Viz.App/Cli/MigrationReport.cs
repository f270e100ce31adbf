using System.Globalization;
using Viz.Simulation.Memory;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>One migration's result as migrate and compare print it (field names are the JSON names).</summary>
public sealed record MigrationReport
{
    /// <summary>What the table shows for a figure that does not exist, such as the downtime of a migration that did not converge.</summary>
    private const string NoValue = "—";

    /// <summary>completed, cancelled or notConverged.</summary>
    public required MigrationOutcome Outcome { get; init; }

    /// <summary>Whether the migration converged and completed.</summary>
    public required bool Converged { get; init; }

    /// <summary>Whether free page hinting was negotiated.</summary>
    public required bool Hinting { get; init; }

    /// <summary>Total migration time.</summary>
    public required double TotalTimeMs { get; init; }

    /// <summary>Time the guest was stopped; null unless the migration converged and completed.</summary>
    public required double? DowntimeMs { get; init; }

    /// <summary>Bitmap syncs.</summary>
    public required int Rounds { get; init; }

    /// <summary>Bytes on the wire.</summary>
    public required long BytesTransferred { get; init; }

    /// <summary>Pages sent in full.</summary>
    public required long PagesNormal { get; init; }

    /// <summary>Pages sent as zero markers.</summary>
    public required long PagesZero { get; init; }

    /// <summary>Dirty pages cleared by free page hints.</summary>
    public required long PagesSkippedByHint { get; init; }

    /// <summary>Dirty pages after each sync.</summary>
    public required IReadOnlyList<long> DirtyPagesPerRound { get; init; }

    /// <summary>Whether the destination was compared with the source.</summary>
    public required bool Verified { get; init; }

    /// <summary>Observable pages that differ on the destination.</summary>
    public required long MismatchedPages { get; init; }

    /// <summary>Work the workload did during the migration.</summary>
    public required double WorkDone { get; init; }

    /// <summary>Work lost against the workload's rate before the migration.</summary>
    public required double WorkLost { get; init; }

    /// <summary>Bytes free in the guest when the migration started.</summary>
    public required long FreeAtStartBytes { get; init; }

    /// <summary>The share of the guest's memory that was free when the migration started (0 to 1).</summary>
    public required double FreeShareAtStart { get; init; }

    /// <summary>Of the free bytes at the start, those in free 4 MiB blocks (the blocks free page hinting reports).</summary>
    public required long FreeIn4MiBBlocksAtStartBytes { get; init; }

    /// <summary>Converts a core result.</summary>
    public static MigrationReport From(MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MigrationReport
        {
            Outcome = result.Outcome,
            Converged = result.Outcome == MigrationOutcome.Completed,
            Hinting = result.Hinting,
            TotalTimeMs = result.TotalTimeNs / (double)SimDuration.NsPerMs,
            DowntimeMs = result.Outcome == MigrationOutcome.Completed ? result.DowntimeNs / (double)SimDuration.NsPerMs : null,
            Rounds = result.Rounds,
            BytesTransferred = result.BytesTransferred,
            PagesNormal = result.PagesNormal,
            PagesZero = result.PagesZero,
            PagesSkippedByHint = result.PagesSkippedByHint,
            DirtyPagesPerRound = result.DirtyPagesPerRound,
            Verified = result.Verified && result.MismatchedPages == 0,
            MismatchedPages = result.MismatchedPages,
            WorkDone = result.WorkDone,
            WorkLost = result.WorkLost,
            FreeAtStartBytes = result.FreePagesAtStart * KernelConstants.PageSize,
            FreeShareAtStart = result.FreePagesAtStart / (double)result.GuestPages,
            FreeIn4MiBBlocksAtStartBytes = result.FreeMaxOrderPagesAtStart * KernelConstants.PageSize,
        };
    }

    /// <summary>The rows of the readable table: a name and a value.</summary>
    public IEnumerable<(string Name, string Value)> Rows()
    {
        yield return ("outcome", Outcome switch
        {
            MigrationOutcome.Completed => "completed",
            MigrationOutcome.Cancelled => "cancelled",
            _ => $"did not converge within {Rounds} rounds",
        });
        yield return ("free page hinting", Hinting ? "on" : "off");
        yield return ("free at start", string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(FreeAtStartBytes)} ({FreeShareAtStart:0%}), {ByteSize.Format(FreeIn4MiBBlocksAtStartBytes)} in 4 MiB blocks"));
        yield return ("total time", Ms(TotalTimeMs));
        yield return ("downtime", DowntimeMs is double downtime ? Ms(downtime) : NoValue);
        yield return ("rounds", Rounds.ToString(CultureInfo.InvariantCulture));
        yield return ("bytes transferred", ByteSize.Format(BytesTransferred));
        yield return ("pages sent in full", PagesNormal.ToString("N0", CultureInfo.InvariantCulture));
        yield return ("zero pages", PagesZero.ToString("N0", CultureInfo.InvariantCulture));
        yield return ("skipped by hints", PagesSkippedByHint.ToString("N0", CultureInfo.InvariantCulture));
        yield return ("dirty pages per round", DirtyPagesSummary());
        yield return ("verified", Outcome != MigrationOutcome.Completed ? "no (not completed)" : Verified ? "yes, no page lost" : $"NO: {MismatchedPages} pages differ");
        yield return ("work lost", WorkLost.ToString("0.##", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The dirty pages per round, all of them when they are few; otherwise the first three, "…", the last two and how many
    /// rounds there were, so that 30 rounds still fit a terminal's line.
    /// </summary>
    private string DirtyPagesSummary()
    {
        static string Join(IEnumerable<long> pages) => string.Join(" ", pages.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        const int first = 3, last = 2;
        return DirtyPagesPerRound.Count <= first + last
            ? Join(DirtyPagesPerRound)
            : $"{Join(DirtyPagesPerRound.Take(first))} … {Join(DirtyPagesPerRound.TakeLast(last))} ({DirtyPagesPerRound.Count} rounds)";
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
