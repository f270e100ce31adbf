using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>What running one point's command line gave: its exit code, what it printed and what it said on stderr.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output: the command's JSON.</param>
/// <param name="Error">Standard error.</param>
public sealed record PointOutcome(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a sweep's points, several at once: each is an independent, deterministic simulation, so the order they run in
/// changes nothing in their results. A point that fails stops the sweep; the points done so far are kept.
/// </summary>
/// <param name="runPoint">Runs one command line (with --json) and returns what it gave.</param>
/// <param name="jobs">How many points run at once.</param>
public sealed class SweepRunner(Func<IReadOnlyList<string>, PointOutcome> runPoint, int jobs)
{
    /// <summary>
    /// Runs <paramref name="points"/> of <paramref name="plan"/>; each finished record goes to <paramref name="done"/>
    /// (from the thread that ran it) before the next is counted in <paramref name="progress"/>. Returns the records in
    /// point order.
    /// </summary>
    public IReadOnlyList<SweepRecord> Run(SweepPlan plan, IReadOnlyList<SweepPoint> points, Action<SweepRecord> done, Action<int> progress)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(progress);
        var records = new SweepRecord[points.Count];
        int finished = 0;
        Exception? failure = null;
        Parallel.For(0, points.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, (i, state) =>
        {
            try
            {
                records[i] = RunOne(plan, points[i]);
                done(records[i]);
                progress(Interlocked.Increment(ref finished));
            }
#pragma warning disable CA1031 // The first failure is kept and rethrown once the other points have stopped.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref failure, e, null);
                state.Stop();
            }
        });

        if (failure is not null)
        {
            throw failure;
        }

        return records;
    }

    private SweepRecord RunOne(SweepPlan plan, SweepPoint point)
    {
        PointOutcome outcome = runPoint([.. point.Args, "--json"]);
        string where = $"sweep point {point.Index} ({string.Join(' ', point.Args)})";
        if (outcome.ExitCode != 0)
        {
            string message = outcome.Error.Trim().Split('\n')[0].Replace("balloonviz: ", string.Empty, StringComparison.Ordinal);
            throw outcome.ExitCode == ExitCodes.UsageError
                ? new UsageException($"{where}: {message}")
                : new InvalidOperationException($"{where}: {message}");
        }

        try
        {
            return JsonNode.Parse(outcome.Output) is JsonObject result
                ? SweepRecord.Of(point, plan.Command, result)
                : throw new InvalidOperationException($"{where}: printed no JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{where}: printed no JSON: {e.Message}", e);
        }
    }
}
